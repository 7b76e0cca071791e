// Per cohort and life domain: members with a recorded need there, and how many of them
// have started with no service in that domain. Read from the MEMBERS_NEED summaries kept by
// every write (cypher/summaries/refresh_cohort_needs.cypher), not from the members.
MATCH (c:Cohort)-[m:MEMBERS_NEED]->(d:Domain)
RETURN c.id AS cohort, c.name AS cohort_name, d.id AS domain, m.with_need AS with_need,
       m.no_contact AS no_contact
ORDER BY cohort, domain
