// Active services with what decides a duplicate: the areas they reach (each area they serve
// and those it is part of), life domains, types of support and cohorts. Python pairs those
// that meet in an area, sharing a domain and a type: cheaper than pairing in Cypher. $today;
// $area_id (null = everywhere): only services serving it, an area within it or one it is in.
// Clinical services (entry points, not social support) are left out.
MATCH (s:Service {status: 'active'})
WHERE (s.end_date IS NULL OR s.end_date >= $today) AND NOT coalesce(s.clinical, false)
  AND ($area_id IS NULL OR EXISTS {
    MATCH (s)-[:SERVES_AREA]->(a:Area), (home:Area {id: $area_id})
    WHERE a = home OR EXISTS { (home)-[:PART_OF*1..5]->(a) }
       OR EXISTS { (a)-[:PART_OF*1..5]->(home) }
  })
RETURN s.id AS id,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN DISTINCT a.id } AS areas,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(:Area)-[:PART_OF*0..5]->(x:Area)
                 RETURN DISTINCT x.id } AS reach,
       COLLECT { MATCH (s)-[:IN_DOMAIN]->(d:Domain) RETURN d.id } AS domains,
       COLLECT { MATCH (s)-[:PROVIDES_TYPE]->(t:SupportType) RETURN t.id } AS types,
       COLLECT { MATCH (s)-[:FOR_COHORT]->(c:Cohort) RETURN c.id } AS cohorts
