// Every commissioner as a commissioners.csv row: its properties and the area it is based in.
MATCH (n:Commissioner)
RETURN properties(n) AS props,
       {area_id: COLLECT { MATCH (n)-[:BASED_IN]->(a:Area) RETURN a.id ORDER BY a.id }[0]}
         AS links
ORDER BY n.id
