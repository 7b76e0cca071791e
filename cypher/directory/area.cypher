// One area: its properties, its place in the area hierarchy and what is based in or serves it.
MATCH (a:Area {id: $id})
RETURN properties(a) AS props,
  COLLECT { MATCH (a)-[:PART_OF]->(p:Area)
            RETURN {rel: 'part_of', kind: 'area', id: p.id, name: p.name} ORDER BY p.name }
  + COLLECT { MATCH (c:Area)-[:PART_OF]->(a)
              RETURN {rel: 'contains', kind: 'area', id: c.id, name: c.name} ORDER BY c.name }
  + COLLECT { MATCH (s:Service)-[:SERVES_AREA]->(a)
              RETURN {rel: 'served_by', kind: 'service', id: s.id, name: s.name}
              ORDER BY s.name }
  + COLLECT { MATCH (c:Commissioner)-[:BASED_IN]->(a)
              RETURN {rel: 'commissioners', kind: 'commissioner', id: c.id, name: c.name}
              ORDER BY c.name }
  + COLLECT { MATCH (c:Cohort)-[:IN_AREA]->(a)
              RETURN {rel: 'cohorts', kind: 'cohort', id: c.id, name: c.name}
              ORDER BY c.name } AS related
