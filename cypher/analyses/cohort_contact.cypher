// Per cohort and life domain: members with a recorded need there, and how many of them
// have started with no service in that domain (from the ENGAGED_WITH summaries).
MATCH (c:Cohort)<-[:MEMBER_OF]-(p:Person)-[:NEEDS]->(d:Domain)
WITH c, d, p,
     EXISTS { MATCH (p)-[e:ENGAGED_WITH]->(:Service)-[:IN_DOMAIN]->(d)
              WHERE e.started IS NOT NULL } AS contact
RETURN c.id AS cohort, c.name AS cohort_name, d.id AS domain, count(p) AS with_need,
       sum(CASE WHEN contact THEN 0 ELSE 1 END) AS no_contact
ORDER BY cohort, domain
