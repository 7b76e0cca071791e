// Services in the client's life domains of need that serve any area in the client's
// area tree (the client's own area and those it is part of are "in reach"; services that
// serve only other areas of the same tree are returned so the key worker sees why not).
// Anchored on the client's area id. $area_id, $domains.
MATCH (home:Area {id: $area_id})
CALL (home) {
  MATCH (home)-[:PART_OF*0..5]->(anc:Area)
  RETURN collect(anc.id) AS reach
}
CALL (home) {
  MATCH (home)-[:PART_OF*0..5]->(root:Area)
  WHERE NOT EXISTS { (root)-[:PART_OF]->(:Area) }
  RETURN root LIMIT 1
}
MATCH (root)<-[:PART_OF*0..5]-(:Area)<-[:SERVES_AREA]-(s:Service)
WITH DISTINCT s, reach
MATCH (s)-[:IN_DOMAIN]->(d:Domain)
WHERE d.id IN $domains
WITH s, reach, collect(d.id) AS domains
OPTIONAL MATCH (s)-[f:FOLLOWS_MODEL]->(m:Model)
RETURN s {.id, .name, .kind, .status, .end_date, .capacity, .waiting_days, .unit_cost,
          .self_referral, .referral_from, .min_age, .max_age, .severity, .conditions,
          .benefit_status, .housing_status, .in_work, .offending_history,
          .other_criteria} AS service,
       domains,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN a.id } AS areas,
       any(x IN COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN a.id } WHERE x IN reach)
         AS in_reach,
       COLLECT { MATCH (s)-[:USES_SOURCE]->(x:Source) RETURN x.id ORDER BY x.order } AS sources,
       COLLECT { MATCH (s)-[:PROVIDES_TYPE]->(x:SupportType) RETURN x.id ORDER BY x.order }
         AS types,
       COLLECT { MATCH (s)-[:FOR_COHORT]->(c:Cohort) RETURN c.id } AS cohorts,
       COLLECT { MATCH (p:Provider)-[:PROVIDES]->(s) RETURN p.name }[0] AS provider,
       m.id AS model_id, m.name AS model_name, m.evidence AS evidence, f.fidelity AS fidelity
