// The services for "services the client already uses": id, name, kind, status and the
// names of the areas each serves, by name. $area_id: only those serving that area, an area
// it is part of (the whole ICB) or one within it, so a county's form lists one area's
// services, not all of them (null: every service, to name the ones a person uses).
MATCH (s:Service)
WHERE $area_id IS NULL OR EXISTS {
  MATCH (s)-[:SERVES_AREA]->(a:Area), (home:Area {id: $area_id})
  WHERE a = home OR EXISTS { (home)-[:PART_OF*1..5]->(a) }
     OR EXISTS { (a)-[:PART_OF*1..5]->(home) }
}
RETURN s.id AS id, s.name AS name, s.kind AS kind, s.status AS status,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN a.name ORDER BY a.name } AS areas
ORDER BY s.name, s.id
