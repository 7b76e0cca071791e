// Contracts as rows of the import's contracts table.
UNWIND $ids AS id
MATCH (n:Contract {id: id})
RETURN n.id AS key, n.row_hash AS version, properties(n) AS props,
       {commissioner_id: head(COLLECT { MATCH (c:Commissioner)-[:FUNDS]->(n) RETURN c.id AS x
                                        ORDER BY x }),
        service_id: head(COLLECT { MATCH (n)-[:FOR_SERVICE]->(s:Service) RETURN s.id AS x
                                   ORDER BY x })} AS links
