// The stored MEMBERS_NEED counts, per cohort and life domain (see refresh_cohort_needs).
MATCH (c:Cohort)-[m:MEMBERS_NEED]->(d:Domain)
RETURN c.id AS cohort, d.id AS domain, m.with_need AS with_need, m.no_contact AS no_contact
ORDER BY cohort, domain
