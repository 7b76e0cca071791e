// Services per life domain, every domain listed (zero counts matter: they are gaps).
MATCH (d:Domain)
RETURN d.id AS id, d.name AS name,
       COUNT { (s:Service)-[:IN_DOMAIN]->(d) } AS services,
       COUNT { (s:Service)-[:IN_DOMAIN]->(d) WHERE s.status = 'active' } AS active
ORDER BY d.order
