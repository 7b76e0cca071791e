// The largest area, the commissioner's default: the most areas within it, then the most
// services serving it or an area within it; ties to the lower id.
MATCH (a:Area)
RETURN a.id AS id,
       COUNT { MATCH (a)<-[:PART_OF*1..5]-(:Area) } AS within,
       COUNT { MATCH (s:Service) WHERE EXISTS { (s)-[:SERVES_AREA]->(:Area)-[:PART_OF*0..5]->(a) } }
         AS services
ORDER BY within DESC, services DESC, id
LIMIT 1
