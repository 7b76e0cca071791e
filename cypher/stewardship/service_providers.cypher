// The providers of one service (whose provider editors keep it).
MATCH (p:Provider)-[:PROVIDES]->(:Service {id: $id})
RETURN p.id AS id ORDER BY p.id
