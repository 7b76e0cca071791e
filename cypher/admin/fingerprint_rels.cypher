// Every relationship with the keys of its ends (excluded labels left out).
MATCH (a)-[r]->(b)
WHERE none(l IN labels(a) + labels(b) WHERE l IN $exclude)
RETURN type(r) AS type, labels(a)[0] AS from_label, coalesce(a.id, a.username, a.text) AS from_key,
       labels(b)[0] AS to_label, coalesce(b.id, b.username, b.text) AS to_key,
       properties(r) AS props
