// One provider: its properties, the services it provides and who funds them.
MATCH (p:Provider {id: $id})
CALL (p) {
  MATCH (p)-[:PROVIDES]->(:Service)<-[:FOR_SERVICE]-(k:Contract)<-[:FUNDS]-(c:Commissioner)
  WITH c, sum(k.annual_value) AS value
  ORDER BY c.name
  RETURN collect({rel: 'funded_by', kind: 'commissioner', id: c.id, name: c.name,
                  value: value}) AS funders
}
RETURN properties(p) AS props,
  COLLECT { MATCH (p)-[:PROVIDES]->(s:Service)
            RETURN {rel: 'provides', kind: 'service', id: s.id, name: s.name} ORDER BY s.name }
  + funders AS related
