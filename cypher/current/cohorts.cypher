// Every cohort as a cohorts.csv row: its properties, its area and its needs by life domain.
MATCH (n:Cohort)
RETURN properties(n) AS props,
       {area_id: COLLECT { MATCH (n)-[:IN_AREA]->(a:Area) RETURN a.id ORDER BY a.id }[0],
        needs: COLLECT { MATCH (n)-[r:NEEDS]->(d:Domain)
                         RETURN {domain: d.id, estimated: r.estimated} ORDER BY d.id }}
         AS links
ORDER BY n.id
