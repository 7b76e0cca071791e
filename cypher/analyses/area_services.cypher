// Active services that serve $area_id, an area it is part of, or an area within it, with
// their classification and current contracts. $today. `clinical`: an entry point (a ward, a
// CMHT), which the social-support coverage leaves out.
MATCH (home:Area {id: $area_id})
CALL (home) {
  MATCH (home)-[:PART_OF*0..5]->(x:Area) RETURN x
  UNION
  MATCH (home)<-[:PART_OF*1..5]-(x:Area) RETURN x
}
MATCH (x)<-[:SERVES_AREA]-(s:Service {status: 'active'})
WHERE s.end_date IS NULL OR s.end_date >= $today
WITH DISTINCT home, s
RETURN s.id AS id, s.name AS name, s.capacity AS capacity,
       coalesce(s.clinical, false) AS clinical,
       // Where its money belongs: areas it serves outside $area_id (an ICB-wide service,
       // seen from a place), whether it serves $area_id itself, and which of the areas
       // directly within $area_id it reaches.
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area)
                 WHERE NOT EXISTS { (a)-[:PART_OF*0..5]->(home) } RETURN a.id } AS outside,
       EXISTS { (s)-[:SERVES_AREA]->(home) } AS serves_home,
       // Up from each area it serves to $area_id (a tree: one chain each), the area just
       // below $area_id on it. $area_id by id, not `home`: with `home` bound the planner
       // walked down from it to every area within, for each service (1.6 s at L, now 62 ms).
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area)
                 MATCH chain = (a)-[:PART_OF*1..5]->(top:Area)
                 WHERE top.id = $area_id
                 RETURN DISTINCT nodes(chain)[-2].id } AS parts,
       COLLECT { MATCH (s)-[:IN_DOMAIN]->(d:Domain) RETURN d.id } AS domains,
       COLLECT { MATCH (s)-[:USES_SOURCE]->(x:Source) RETURN x.id } AS sources,
       COLLECT { MATCH (s)-[:PROVIDES_TYPE]->(x:SupportType) RETURN x.id } AS types,
       COLLECT { MATCH (s)-[:FOLLOWS_MODEL]->(m:Model) RETURN m.id } AS models,
       COLLECT { MATCH (:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s)
                 WHERE k.start_date <= $today AND (k.end_date IS NULL OR k.end_date >= $today)
                 RETURN {value: k.annual_value, capacity: k.capacity} } AS contracts
ORDER BY id
