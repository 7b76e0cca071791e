// Totals for the home page: how many of each kind of entity the area's map holds.
RETURN COUNT { (:Service) } AS services,
       COUNT { (s:Service) WHERE s.status = 'active' } AS active_services,
       COUNT { (:Provider) } AS providers,
       COUNT { (:Commissioner) } AS commissioners,
       COUNT { (:Cohort) } AS cohorts
