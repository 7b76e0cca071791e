// Every service, for the commissioner's forms (pathway steps, what-if), by name.
MATCH (s:Service)
RETURN s.id AS id, s.name AS name, s.status AS status
ORDER BY name, id
