// Every service, for the commissioner's forms (pathway steps, what-if), by name; with
// $area_id, only those serving that area, an area it is part of, or one within it.
MATCH (s:Service)
WHERE $area_id IS NULL OR EXISTS {
  MATCH (s)-[:SERVES_AREA]->(x:Area)
  WHERE x.id = $area_id
     OR EXISTS { MATCH (x)-[:PART_OF*1..5]->(:Area {id: $area_id}) }
     OR EXISTS { MATCH (:Area {id: $area_id})-[:PART_OF*1..5]->(x) }
}
RETURN s.id AS id, s.name AS name, s.status AS status
ORDER BY name, id
