// Everyone who has a key worker (an admin's view). $limit.
MATCH (p:Person)
WHERE p.key_worker IS NOT NULL
RETURN p.id AS id, p.age_band AS age_band, p.key_worker AS key_worker,
       COLLECT { MATCH (p)-[:LIVES_IN]->(a:Area) RETURN a.name }[0] AS area_name,
       COLLECT { MATCH (p)-[:NEEDS]->(d:Domain) RETURN d.id ORDER BY d.order } AS needs
ORDER BY p.id
LIMIT $limit
