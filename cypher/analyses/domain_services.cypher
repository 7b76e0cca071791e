// Every service in the life domains $domains, whatever its status or area, with the areas
// it serves (ids and names): why each cannot meet an orphaned need (planned, closed,
// elsewhere).
MATCH (s:Service)-[:IN_DOMAIN]->(d:Domain)
WHERE d.id IN $domains AND NOT coalesce(s.clinical, false)
RETURN d.id AS domain, s.id AS id, s.name AS name, s.status AS status, s.end_date AS end_date,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN a.id ORDER BY a.name } AS area_ids,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN a.name ORDER BY a.name } AS areas
ORDER BY domain, id
