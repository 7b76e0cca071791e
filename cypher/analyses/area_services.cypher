// Active services that serve $area_id, an area it is part of, or an area within it, with
// their classification and current contracts. $today.
MATCH (home:Area {id: $area_id})
CALL (home) {
  MATCH (home)-[:PART_OF*0..5]->(x:Area) RETURN x
  UNION
  MATCH (home)<-[:PART_OF*1..5]-(x:Area) RETURN x
}
MATCH (x)<-[:SERVES_AREA]-(s:Service {status: 'active'})
WHERE s.end_date IS NULL OR s.end_date >= $today
WITH DISTINCT s
RETURN s.id AS id, s.name AS name, s.capacity AS capacity,
       COLLECT { MATCH (s)-[:IN_DOMAIN]->(d:Domain) RETURN d.id } AS domains,
       COLLECT { MATCH (s)-[:USES_SOURCE]->(x:Source) RETURN x.id } AS sources,
       COLLECT { MATCH (s)-[:PROVIDES_TYPE]->(x:SupportType) RETURN x.id } AS types,
       COLLECT { MATCH (s)-[:FOLLOWS_MODEL]->(m:Model) RETURN m.id } AS models,
       COLLECT { MATCH (:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s)
                 WHERE k.start_date <= $today AND (k.end_date IS NULL OR k.end_date >= $today)
                 RETURN {value: k.annual_value, capacity: k.capacity} } AS contracts
ORDER BY id
