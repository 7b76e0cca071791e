// The stored TRAVELLED counts, per pair of services (see refresh_travelled).
MATCH (a:Service)-[t:TRAVELLED]->(b:Service)
RETURN a.id AS a, b.id AS b, t.people AS people
ORDER BY a, b
