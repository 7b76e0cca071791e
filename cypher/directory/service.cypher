// One service: its properties and every entity one step away, each tagged with `rel`.
// A life domain or type only suggested from a feed service's words says so (oruk/suggest).
MATCH (s:Service {id: $id})
RETURN properties(s) AS props,
  COLLECT { MATCH (p:Provider)-[:PROVIDES]->(s)
            RETURN {rel: 'provided_by', kind: 'provider', id: p.id, name: p.name} ORDER BY p.name }
  + COLLECT { MATCH (c:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s)
              RETURN {rel: 'funded_by', kind: 'commissioner', id: c.id, name: c.name,
                      value: k.annual_value, contract: k.id, end_date: toString(k.end_date)}
              ORDER BY c.name, k.id }
  + COLLECT { MATCH (s)-[l:IN_DOMAIN]->(d:Domain)
              RETURN {rel: 'domain', kind: 'domain', id: d.id, name: d.name,
                      suggested: l.suggested} ORDER BY d.order }
  + COLLECT { MATCH (s)-[:USES_SOURCE]->(x:Source)
              RETURN {rel: 'source', kind: 'source', id: x.id, name: x.name} ORDER BY x.order }
  + COLLECT { MATCH (s)-[l:PROVIDES_TYPE]->(t:SupportType)
              RETURN {rel: 'support_type', kind: 'support_type', id: t.id, name: t.name,
                      suggested: l.suggested}
              ORDER BY t.order }
  + COLLECT { MATCH (s)-[f:FOLLOWS_MODEL]->(m:Model)
              RETURN {rel: 'model', kind: 'model', id: m.id, name: m.name, fidelity: f.fidelity}
              ORDER BY m.name }
  + COLLECT { MATCH (s)-[:FOR_COHORT]->(c:Cohort)
              RETURN {rel: 'cohort', kind: 'cohort', id: c.id, name: c.name} ORDER BY c.name }
  + COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area)
              RETURN {rel: 'serves_area', kind: 'area', id: a.id, name: a.name} ORDER BY a.name }
  + COLLECT { MATCH (s)-[r:REFERS_TO]->(o:Service)
              RETURN {rel: 'refers_to', kind: 'service', id: o.id, name: o.name, note: r.note}
              ORDER BY o.name }
  + COLLECT { MATCH (o:Service)-[r:REFERS_TO]->(s)
              RETURN {rel: 'referred_from', kind: 'service', id: o.id, name: o.name, note: r.note}
              ORDER BY o.name } AS related
