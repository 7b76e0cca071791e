// Commissioners as rows of the import's commissioners table.
UNWIND $ids AS id
MATCH (n:Commissioner {id: id})
RETURN n.id AS key, n.row_hash AS version, properties(n) AS props,
       {area_id: head(COLLECT { MATCH (n)-[:BASED_IN]->(a:Area) RETURN a.id AS x
                                ORDER BY x })} AS links
