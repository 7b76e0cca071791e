// The MEMBERS_NEED counts worked out from every member (what refresh_cohort_needs stores),
// next to the stored ones: `summaries.check` compares them (tests, and after a repair).
MATCH (c:Cohort)<-[:MEMBER_OF]-(p:Person)-[:NEEDS]->(d:Domain)
WITH c, d, count(*) AS with_need,
     sum(CASE WHEN d.id IN coalesce(p.reached, []) THEN 0 ELSE 1 END) AS no_contact
RETURN c.id AS cohort, d.id AS domain, with_need, no_contact
ORDER BY cohort, domain
