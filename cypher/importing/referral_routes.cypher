UNWIND $rows AS r
MATCH (a:Service {id: r.from_service_id}), (b:Service {id: r.to_service_id})
MERGE (a)-[rel:REFERS_TO]->(b)
WITH rel, r, rel.row_hash AS before
SET rel.note = r.note, rel.row_hash = r.row_hash
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND before <> r.row_hash THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN before = r.row_hash THEN 1 ELSE 0 END) AS unchanged
