// Warm start: scan each index the pages look entities up by (an IS NOT NULL filter is
// answered from the index), loading its pages into the page cache (read-only).
RETURN COUNT { MATCH (n:Service) WHERE n.id IS NOT NULL } AS services,
       COUNT { MATCH (n:Service) WHERE n.name IS NOT NULL } AS service_names,
       COUNT { MATCH (n:Service) WHERE n.status IS NOT NULL } AS service_statuses,
       COUNT { MATCH (n:Provider) WHERE n.id IS NOT NULL } AS providers,
       COUNT { MATCH (n:Commissioner) WHERE n.id IS NOT NULL } AS commissioners,
       COUNT { MATCH (n:Contract) WHERE n.id IS NOT NULL } AS contracts,
       COUNT { MATCH (n:Contract) WHERE n.end_date IS NOT NULL } AS contract_ends,
       COUNT { MATCH (n:Cohort) WHERE n.id IS NOT NULL } AS cohorts,
       COUNT { MATCH (n:Area) WHERE n.id IS NOT NULL } AS areas,
       COUNT { MATCH (n:Area) WHERE n.level IS NOT NULL } AS area_levels,
       COUNT { MATCH (n:Person) WHERE n.id IS NOT NULL } AS people,
       COUNT { MATCH (n:Person) WHERE n.key_worker IS NOT NULL } AS caseloads,
       COUNT { MATCH (n:Event) WHERE n.id IS NOT NULL } AS events,
       COUNT { MATCH (n:Event) WHERE n.type IS NOT NULL AND n.date IS NOT NULL } AS event_dates,
       COUNT { MATCH (n:AuditEntry) WHERE n.at IS NOT NULL } AS audit_entries,
       COUNT { MATCH (n:User) WHERE n.username IS NOT NULL } AS users
