// People arrive already pseudonymised: r.id is a keyed hash, never a raw identifier.
UNWIND $rows AS r
MERGE (n:Person {id: r.id})
WITH n, r, n.row_hash AS before
SET n += r.props, n.row_hash = r.row_hash
// As for services: a need not linked to its life domain is repaired on re-import.
WITH n, r, before,
     before IS NULL OR before <> r.row_hash
     OR any(x IN r.needs WHERE NOT EXISTS { (n)-[:NEEDS]->(:Domain {id: x}) }) AS stale
CALL (n, r, stale) {
  WITH n, r WHERE stale
  OPTIONAL MATCH (n)-[old:LIVES_IN|MEMBER_OF|NEEDS]->()
  DELETE old
  WITH DISTINCT n, r
  MATCH (a:Area {id: r.area_id})
  MERGE (n)-[:LIVES_IN]->(a)
  WITH n, r
  CALL (n, r) { UNWIND r.cohorts AS x MATCH (c:Cohort {id: x}) MERGE (n)-[:MEMBER_OF]->(c) }
  CALL (n, r) { UNWIND r.needs AS x MATCH (d:Domain {id: x}) MERGE (n)-[:NEEDS]->(d) }
}
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND stale THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN NOT stale THEN 1 ELSE 0 END) AS unchanged
