// The life domains of the services $ids (what-if: only cohort needs in these can change).
UNWIND $ids AS sid
MATCH (:Service {id: sid})-[:IN_DOMAIN]->(d:Domain)
RETURN DISTINCT d.id AS domain
ORDER BY domain
