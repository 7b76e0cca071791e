MATCH (p:Person)
RETURN collect(p.id) AS ids
