// Every direct referral link into or out of any of $ids.
UNWIND $ids AS sid
MATCH (x:Service {id: sid})
CALL (x) {
  MATCH (a:Service)-[r:REFERS_TO]->(x) RETURN a.id AS from_id, x.id AS to_id, r.note AS note
  UNION
  MATCH (x)-[r:REFERS_TO]->(b:Service) RETURN x.id AS from_id, b.id AS to_id, r.note AS note
}
RETURN DISTINCT from_id, to_id, note
ORDER BY from_id, to_id
