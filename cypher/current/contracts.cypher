// Every contract as a contracts.csv row: its properties, who funds it and for which service.
MATCH (n:Contract)
RETURN properties(n) AS props,
       {commissioner_id: COLLECT { MATCH (c:Commissioner)-[:FUNDS]->(n) RETURN c.id
                                   ORDER BY c.id }[0],
        service_id: COLLECT { MATCH (n)-[:FOR_SERVICE]->(s:Service) RETURN s.id
                              ORDER BY s.id }[0]} AS links
ORDER BY n.id
