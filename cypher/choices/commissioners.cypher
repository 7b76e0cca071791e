// Every commissioner, for the what-if form, by name.
MATCH (c:Commissioner)
RETURN c.id AS id, c.name AS name, c.kind AS kind
ORDER BY name, id
