// One cohort: its properties, its area, its needs by life domain and the services for it.
MATCH (c:Cohort {id: $id})
RETURN properties(c) AS props,
  COLLECT { MATCH (c)-[:IN_AREA]->(a:Area)
            RETURN {rel: 'in_area', kind: 'area', id: a.id, name: a.name} ORDER BY a.name }
  + COLLECT { MATCH (c)-[n:NEEDS]->(d:Domain)
              RETURN {rel: 'needs', kind: 'domain', id: d.id, name: d.name,
                      estimated: n.estimated}
              ORDER BY d.order }
  + COLLECT { MATCH (s:Service)-[:FOR_COHORT]->(c)
              RETURN {rel: 'served_by', kind: 'service', id: s.id, name: s.name}
              ORDER BY s.name } AS related
