// Journey events, pseudonymised: r.id and r.person_id are keyed hashes.
UNWIND $rows AS r
MATCH (p:Person {id: r.person_id})
MATCH (s:Service {id: r.service_id})
MERGE (e:Event {id: r.id})
WITH e, p, s, r, e.row_hash AS before
SET e.type = r.type, e.date = r.date, e.seq = r.seq, e.outcome = r.outcome,
    e.row_hash = r.row_hash
WITH e, p, s, r, before
CALL (e, p, s, r, before) {
  WITH e, p, s, r, before WHERE before IS NULL OR before <> r.row_hash
  OPTIONAL MATCH (e)-[old:AT|REFERRED_FROM]->()
  DELETE old
  WITH DISTINCT e, p, s, r
  OPTIONAL MATCH ()-[oldp:HAD]->(e)
  DELETE oldp
  WITH DISTINCT e, p, s, r
  CREATE (p)-[:HAD]->(e)
  CREATE (e)-[:AT]->(s)
  WITH e, r
  OPTIONAL MATCH (f:Service {id: r.referred_from_service_id})
  FOREACH (_ IN CASE WHEN f IS NULL THEN [] ELSE [1] END | CREATE (e)-[:REFERRED_FROM]->(f))
}
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND before <> r.row_hash THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN before = r.row_hash THEN 1 ELSE 0 END) AS unchanged
