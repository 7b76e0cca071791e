UNWIND $rows AS r
MERGE (n:Contract {id: r.id})
WITH n, r, n.row_hash AS before
SET n.annual_value = r.annual_value, n.start_date = r.start_date, n.end_date = r.end_date,
    n.capacity = r.capacity, n.row_hash = r.row_hash
WITH n, r, before
CALL (n, r, before) {
  WITH n, r, before WHERE before IS NULL OR before <> r.row_hash
  OPTIONAL MATCH (n)-[o1:FOR_SERVICE]->()
  DELETE o1
  WITH DISTINCT n, r
  OPTIONAL MATCH ()-[o2:FUNDS]->(n)
  DELETE o2
  WITH DISTINCT n, r
  MATCH (c:Commissioner {id: r.commissioner_id}), (s:Service {id: r.service_id})
  MERGE (c)-[:FUNDS]->(n)
  MERGE (n)-[:FOR_SERVICE]->(s)
}
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND before <> r.row_hash THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN before = r.row_hash THEN 1 ELSE 0 END) AS unchanged
