// Services by id for the client's route map: name, kind, first life domain and capacity.
UNWIND $ids AS sid
MATCH (s:Service {id: sid})
RETURN s.id AS id, s.name AS name, s.kind AS kind, s.status AS status,
       COLLECT { MATCH (s)-[:IN_DOMAIN]->(d:Domain) RETURN d.id ORDER BY d.order }[0] AS domain,
       toFloat(s.capacity) AS size
