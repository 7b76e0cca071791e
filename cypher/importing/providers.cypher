UNWIND $rows AS r
MERGE (n:Provider {id: r.id})
WITH n, r, n.row_hash AS before
SET n.name = r.name, n.sector = r.sector, n.website = r.website, n.row_hash = r.row_hash
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND before <> r.row_hash THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN before = r.row_hash THEN 1 ELSE 0 END) AS unchanged
