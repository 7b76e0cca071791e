// Per cohort and life domain: members with a recorded need there, and how many of them
// have started with no service in that domain (from the ENGAGED_WITH summaries).
// Bound by reading each member's relationships: one pass collects both their needs and the
// services they started with (was one pass per need plus one for needs).
MATCH (c:Cohort)<-[:MEMBER_OF]-(p:Person)
CALL (p) {
  MATCH (p)-[r:NEEDS|ENGAGED_WITH]->(x)
  RETURN collect(CASE WHEN r:NEEDS THEN x END) AS needs,
         collect(CASE WHEN r:ENGAGED_WITH AND r.started IS NOT NULL THEN x END) AS used
}
WITH c, needs, used
WHERE size(needs) > 0
WITH c, needs,
     COLLECT { UNWIND used AS s MATCH (s)-[:IN_DOMAIN]->(d:Domain) RETURN DISTINCT d } AS reached
UNWIND needs AS d
WITH c, d, count(*) AS with_need, sum(CASE WHEN d IN reached THEN 0 ELSE 1 END) AS no_contact
RETURN c.id AS cohort, c.name AS cohort_name, d.id AS domain, with_need, no_contact
ORDER BY cohort, domain
