// Every area as an areas.csv row: its properties and its parent.
MATCH (n:Area)
RETURN properties(n) AS props,
       {parent_id: COLLECT { MATCH (n)-[:PART_OF]->(p:Area) RETURN p.id ORDER BY p.id }[0]}
         AS links
ORDER BY n.id
