// Reference data (life domains, sources, types, models of support). Idempotent.
UNWIND $domains AS d
MERGE (n:Domain {id: d.id})
SET n.name = d.name, n.description = d.description, n.order = d.order
WITH count(*) AS _
UNWIND $sources AS s
MERGE (n:Source {id: s.id})
SET n.name = s.name, n.description = s.description, n.order = s.order
WITH count(*) AS _
UNWIND $types AS t
MERGE (n:SupportType {id: t.id})
SET n.name = t.name, n.description = t.description, n.order = t.order
WITH count(*) AS _
UNWIND $models AS m
MERGE (model:Model {id: m.id})
SET model.name = m.name, model.evidence = m.evidence, model.description = m.description
WITH model, m
CALL (model, m) {
  OPTIONAL MATCH (model)-[old:IN_DOMAIN|USES_SOURCE|PROVIDES_TYPE|HAS_PRINCIPLE]->(x)
  DELETE old
  WITH DISTINCT x WHERE x:Principle
  DELETE x
}
CALL (model, m) {
  UNWIND m.domains AS did
  MATCH (d:Domain {id: did})
  MERGE (model)-[:IN_DOMAIN]->(d)
}
CALL (model, m) {
  UNWIND m.sources AS sid
  MATCH (s:Source {id: sid})
  MERGE (model)-[:USES_SOURCE]->(s)
}
CALL (model, m) {
  UNWIND m.types AS tid
  MATCH (t:SupportType {id: tid})
  MERGE (model)-[:PROVIDES_TYPE]->(t)
}
CALL (model, m) {
  UNWIND m.principles AS p
  CREATE (model)-[:HAS_PRINCIPLE]->(:Principle {model: model.id, order: p.order, text: p.text})
}
RETURN count(model) AS models
