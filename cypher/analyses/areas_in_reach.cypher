// For each area in $ids: itself, the areas it is part of and the areas within it, the
// areas a service must serve to be in its reach (as cohort_needs finds the services).
UNWIND $ids AS id
MATCH (home:Area {id: id})
RETURN id,
       COLLECT { MATCH (home)-[:PART_OF*0..5]->(x:Area) RETURN x.id }
       + COLLECT { MATCH (home)<-[:PART_OF*1..5]-(x:Area) RETURN x.id } AS areas
