// r.needs is a list of {domain, estimated}.
UNWIND $rows AS r
MERGE (n:Cohort {id: r.id})
WITH n, r, n.row_hash AS before
SET n += r.props, n.row_hash = r.row_hash
// Links are rebuilt when the row changed or a need's life domain is not linked (imported
// before the reference data was loaded).
WITH n, r, before,
     before IS NULL OR before <> r.row_hash
     OR any(x IN r.needs WHERE NOT EXISTS { (n)-[:NEEDS]->(:Domain {id: x.domain}) }) AS stale
CALL (n, r, stale) {
  WITH n, r WHERE stale
  OPTIONAL MATCH (n)-[old:IN_AREA|NEEDS]->()
  DELETE old
  WITH DISTINCT n, r
  MATCH (a:Area {id: r.area_id})
  MERGE (n)-[:IN_AREA]->(a)
  WITH n, r
  UNWIND r.needs AS need
  MATCH (d:Domain {id: need.domain})
  MERGE (n)-[rel:NEEDS]->(d)
  SET rel.estimated = need.estimated
}
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND stale THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN NOT stale THEN 1 ELSE 0 END) AS unchanged
