// One commissioner: its properties, where it is based and the services its contracts fund.
MATCH (c:Commissioner {id: $id})
RETURN properties(c) AS props,
  COLLECT { MATCH (c)-[:BASED_IN]->(a:Area)
            RETURN {rel: 'based_in', kind: 'area', id: a.id, name: a.name} ORDER BY a.name }
  + COLLECT { MATCH (c)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s:Service)
              RETURN {rel: 'funds', kind: 'service', id: s.id, name: s.name,
                      value: k.annual_value, contract: k.id, end_date: toString(k.end_date)}
              ORDER BY s.name, k.id } AS related
