// Every service, for "services the client already uses": id, name, kind, status and the
// names of the areas it serves, by name.
MATCH (s:Service)
RETURN s.id AS id, s.name AS name, s.kind AS kind, s.status AS status,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN a.name ORDER BY a.name } AS areas
ORDER BY s.name, s.id
