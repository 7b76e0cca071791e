// Services per life domain, every domain listed (zero counts matter: they are gaps).
// $area_id null: the whole map; else services serving that area, an area within it or an
// area it is part of (as the services list counts them).
MATCH (d:Domain)
CALL (d) {
  MATCH (s:Service)-[:IN_DOMAIN]->(d)
  WHERE $area_id IS NULL
     OR EXISTS { MATCH (s)-[:SERVES_AREA]->(a:Area), (x:Area {id: $area_id})
                 WHERE EXISTS { (a)-[:PART_OF*0..]->(x) } OR EXISTS { (x)-[:PART_OF*1..]->(a) } }
  RETURN count(s) AS services, count(CASE WHEN s.status = 'active' THEN 1 END) AS active
}
RETURN d.id AS id, d.name AS name, services, active
ORDER BY d.order
