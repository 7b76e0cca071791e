// Benchmark baseline only (bench/): one journey event written with one MERGE per row, in
// its own transaction, the way a naive importer would. Same ids and properties as
// importing/journey_events, without batching, change detection or journey rebuild.
// $id, $person_id (pseudonymised), $service_id, $type, $date, $seq, $outcome,
// $referred_from_service_id, $row_hash.
MATCH (p:Person {id: $person_id})
MATCH (s:Service {id: $service_id})
MERGE (e:Event {id: $id})
SET e.type = $type, e.date = $date, e.seq = $seq, e.outcome = $outcome,
    e.row_hash = $row_hash
MERGE (p)-[:HAD]->(e)
MERGE (e)-[:AT]->(s)
WITH e
OPTIONAL MATCH (f:Service {id: $referred_from_service_id})
FOREACH (_ IN CASE WHEN f IS NULL THEN [] ELSE [1] END | MERGE (e)-[:REFERRED_FROM]->(f))
