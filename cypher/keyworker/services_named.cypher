// The services with these ids, as keyworker/services gives them: to name the services a
// client uses without listing every service in the map (20,000 at XL).
UNWIND $ids AS id
MATCH (s:Service {id: id})
RETURN s.id AS id, s.name AS name, s.kind AS kind, s.status AS status,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN a.name ORDER BY a.name } AS areas
ORDER BY s.name, s.id
