// Referral routes through any of $ids: the direct links into and out of them, and the
// (from, to) pairs linked only through them within 4 steps (no other route of up to 4 steps
// avoiding all of $ids).
UNWIND $ids AS sid
MATCH (x:Service {id: sid})
MATCH (a:Service)-[:REFERS_TO]->(x)-[:REFERS_TO]->(b:Service)
WHERE a <> b AND NOT a.id IN $ids AND NOT b.id IN $ids
  AND NOT EXISTS {
    MATCH p = (a)-[:REFERS_TO*1..4]->(b)
    WHERE none(n IN nodes(p) WHERE n.id IN $ids)
  }
RETURN DISTINCT a.id AS from_id, a.name AS from_name, b.id AS to_id, b.name AS to_name,
       x.id AS through
ORDER BY from_id, to_id
