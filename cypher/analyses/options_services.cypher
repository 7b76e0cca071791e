// Services in the client's life domains of need. Those serving the client's area or an area
// it is part of are "in reach"; up to $others services serving other areas of the same tree
// are returned too, so the key worker sees why not. The cost follows the answer, not the
// size of the area: anchored on the client's area id. $area_id, $domains, $others.
MATCH (home:Area {id: $area_id})
CALL (home) {
  MATCH (home)-[:PART_OF*0..5]->(anc:Area)
  RETURN collect(anc) AS ancestors
}
CALL (home, ancestors) {
  UNWIND ancestors AS anc
  MATCH (anc)<-[:SERVES_AREA]-(s:Service)
  RETURN DISTINCT s, true AS in_reach
  UNION
  WITH home, ancestors
  MATCH (home)-[:PART_OF*0..5]->(root:Area)
  WHERE NOT EXISTS { (root)-[:PART_OF]->(:Area) }
  MATCH (root)<-[:PART_OF*0..5]-(:Area)<-[:SERVES_AREA]-(s:Service)-[:IN_DOMAIN]->(d:Domain)
  WHERE d.id IN $domains
    AND NOT EXISTS { MATCH (s)-[:SERVES_AREA]->(x:Area) WHERE x IN ancestors }
  WITH DISTINCT s LIMIT $others
  RETURN s, false AS in_reach
}
MATCH (s)-[:IN_DOMAIN]->(d:Domain)
WHERE d.id IN $domains
WITH s, in_reach, collect(d.id) AS domains
OPTIONAL MATCH (s)-[f:FOLLOWS_MODEL]->(m:Model)
RETURN s {.id, .name, .kind, .status, .end_date, .capacity, .waiting_days, .unit_cost,
          .self_referral, .referral_from, .min_age, .max_age, .severity, .conditions,
          .benefit_status, .housing_status, .in_work, .offending_history,
          .other_criteria, .phone, .email, .website, .sites, .opening_hours, .hours_note,
          .referral_methods, .languages, .accessibility, .free_to_client,
          .update_contact, .in_feed, .removed_from_feed_on, .last_verified} AS service,
       domains,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN a.id } AS areas,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN coalesce(a.name, a.id) }
         AS area_names,
       in_reach,
       COLLECT { MATCH (s)-[:USES_SOURCE]->(x:Source) RETURN x.id ORDER BY x.order } AS sources,
       COLLECT { MATCH (s)-[:PROVIDES_TYPE]->(x:SupportType) RETURN x.id ORDER BY x.order }
         AS types,
       COLLECT { MATCH (s)-[:FOR_COHORT]->(c:Cohort) RETURN c.id } AS cohorts,
       COLLECT { MATCH (p:Provider)-[:PROVIDES]->(s) RETURN p.name }[0] AS provider,
       m.id AS model_id, m.name AS model_name, m.evidence AS evidence, f.fidelity AS fidelity
