// The services the outcomes analysis compares: name, status, life domains, types of
// support, model of support and the annual value of their current contracts ($today), over
// the services serving $area_id (or an area within it / it is part of; null = everything).
MATCH (s:Service)
WHERE $area_id IS NULL OR EXISTS {
    MATCH (s)-[:SERVES_AREA]->(a:Area), (home:Area {id: $area_id})
    WHERE a = home OR EXISTS { (home)-[:PART_OF*1..5]->(a) } OR EXISTS { (a)-[:PART_OF*1..5]->(home) }
  }
RETURN s.id AS id, s.name AS name, s.status AS status,
       COLLECT { MATCH (s)-[:IN_DOMAIN]->(d:Domain) RETURN d.id ORDER BY d.order } AS domains,
       COLLECT { MATCH (s)-[:PROVIDES_TYPE]->(t:SupportType) RETURN t.id ORDER BY t.order }
         AS types,
       COLLECT { MATCH (s)-[:FOLLOWS_MODEL]->(m:Model) RETURN m.id } AS models,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN a.id ORDER BY a.id } AS areas,
       COLLECT { MATCH (:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s)
                 WHERE k.start_date <= $today AND (k.end_date IS NULL OR k.end_date >= $today)
                 RETURN k.annual_value } AS values
ORDER BY id
