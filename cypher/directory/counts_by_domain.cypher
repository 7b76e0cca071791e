// Services per life domain, every domain listed (zero counts matter: they are gaps).
// $area_id null: the whole map; else services serving that area, an area within it or an
// area it is part of (as the services list counts them), found walking out from the area
// (trying each service against it read every service in the map).
CALL () {
  MATCH (x:Area {id: $area_id})<-[:PART_OF*0..]-(:Area)<-[:SERVES_AREA]-(s:Service)
  RETURN s
  UNION
  MATCH (x:Area {id: $area_id})-[:PART_OF*1..]->(:Area)<-[:SERVES_AREA]-(s:Service)
  RETURN s
  UNION
  MATCH (s:Service)
  WHERE $area_id IS NULL
  RETURN s
}
MATCH (s)-[:IN_DOMAIN]->(d:Domain)
WITH d, count(s) AS services, count(CASE WHEN s.status = 'active' THEN 1 END) AS active
WITH collect({id: d.id, services: services, active: active}) AS counted
MATCH (d:Domain)
WITH d, [c IN counted WHERE c.id = d.id][0] AS c
RETURN d.id AS id, d.name AS name, coalesce(c.services, 0) AS services,
       coalesce(c.active, 0) AS active
ORDER BY d.order
