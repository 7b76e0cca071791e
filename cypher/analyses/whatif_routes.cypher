// Referral routes that break when $ids go: (from, to) pairs with a route of up to 4 steps
// through one of $ids and no route of up to 4 steps that avoids all of $ids.
UNWIND $ids AS sid
MATCH (x:Service {id: sid})
MATCH p = (a:Service)-[:REFERS_TO*1..3]->(x)
WHERE NOT a.id IN $ids
MATCH q = (x)-[:REFERS_TO*1..3]->(b:Service)
WHERE length(p) + length(q) <= 4 AND a <> b AND NOT b.id IN $ids
WITH DISTINCT a, b, x
WHERE NOT EXISTS {
    MATCH r = (a)-[:REFERS_TO*1..4]->(b)
    WHERE none(n IN nodes(r) WHERE n.id IN $ids)
  }
RETURN a.id AS from_id, a.name AS from_name, b.id AS to_id, b.name AS to_name,
       min(x.id) AS through
ORDER BY from_id, to_id
