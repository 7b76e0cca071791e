// r.needs is a list of {domain, estimated}.
UNWIND $rows AS r
MERGE (n:Cohort {id: r.id})
WITH n, r, n.row_hash AS before
SET n += r.props, n.row_hash = r.row_hash
WITH n, r, before
CALL (n, r, before) {
  WITH n, r, before WHERE before IS NULL OR before <> r.row_hash
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
       sum(CASE WHEN before IS NOT NULL AND before <> r.row_hash THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN before = r.row_hash THEN 1 ELSE 0 END) AS unchanged
