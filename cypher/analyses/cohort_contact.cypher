// Per cohort and life domain: members with a recorded need there, and how many of them
// have started with no service in that domain. Reads each member's needs and `p.reached`
// (the domains they have started with a service in, kept at import by
// cypher/importing/rebuild_by_kind.cypher), not their engagements.
MATCH (c:Cohort)<-[:MEMBER_OF]-(p:Person)-[:NEEDS]->(d:Domain)
WITH c, d, count(*) AS with_need,
     sum(CASE WHEN d.id IN coalesce(p.reached, []) THEN 0 ELSE 1 END) AS no_contact
RETURN c.id AS cohort, c.name AS cohort_name, d.id AS domain, with_need, no_contact
ORDER BY cohort, domain
