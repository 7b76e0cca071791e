// A page of relationships for export.
MATCH (a)-[r]->(b)
WITH a, r, b ORDER BY elementId(r)
SKIP $skip LIMIT $limit
RETURN elementId(a) AS start, type(r) AS type, elementId(b) AS end, properties(r) AS props
