// A page of nodes for export, with their internal ids so relationships can refer to them.
MATCH (n)
WITH n ORDER BY elementId(n)
SKIP $skip LIMIT $limit
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props
