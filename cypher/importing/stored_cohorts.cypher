// Cohorts as rows of the import's cohorts table; `needs` becomes the need_<domain> columns.
UNWIND $ids AS id
MATCH (n:Cohort {id: id})
RETURN n.id AS key, n.row_hash AS version, properties(n) AS props,
       {area_id: head(COLLECT { MATCH (n)-[:IN_AREA]->(a:Area) RETURN a.id AS x ORDER BY x }),
        needs: COLLECT { MATCH (n)-[r:NEEDS]->(d:Domain)
                         RETURN {domain: d.id, estimated: r.estimated} AS x }} AS links
