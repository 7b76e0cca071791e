UNWIND $rows AS r
MERGE (n:Commissioner {id: r.id})
WITH n, r, n.row_hash AS before
SET n.name = r.name, n.kind = r.kind, n.row_hash = r.row_hash
WITH n, r, before
CALL (n, r, before) {
  WITH n, r, before WHERE before IS NULL OR before <> r.row_hash
  OPTIONAL MATCH (n)-[old:BASED_IN]->()
  DELETE old
  WITH DISTINCT n, r
  OPTIONAL MATCH (a:Area {id: r.area_id})
  FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | MERGE (n)-[:BASED_IN]->(a))
}
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND before <> r.row_hash THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN before = r.row_hash THEN 1 ELSE 0 END) AS unchanged
