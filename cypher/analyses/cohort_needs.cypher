// Every cohort's needs by life domain, with the active services in that domain serving an
// area that overlaps the cohort's (its own, one it is part of, or one within it); clinical
// services (entry points, not social support) do not meet a need.
// A cohort whose area no service serves gets an empty list; `parts`: the areas directly
// within the cohort's (its places), to tell which a partial service leaves out. $today;
// $domains: only needs in those life domains (null: every one).
MATCH (c:Cohort)-[n:NEEDS]->(d:Domain)
WHERE $domains IS NULL OR d.id IN $domains
OPTIONAL MATCH (c)-[:IN_AREA]->(ca:Area)
CALL (ca, d) {
  OPTIONAL MATCH (ca)-[:PART_OF*0..5]->(x:Area)<-[:SERVES_AREA]-(s:Service {status: 'active'})
                 -[:IN_DOMAIN]->(d)
  WHERE (s.end_date IS NULL OR s.end_date >= $today) AND NOT coalesce(s.clinical, false)
  RETURN collect(s.id) AS up
}
CALL (ca, d) {
  OPTIONAL MATCH (ca)<-[:PART_OF*1..5]-(x:Area)<-[:SERVES_AREA]-(s:Service {status: 'active'})
                 -[:IN_DOMAIN]->(d)
  WHERE (s.end_date IS NULL OR s.end_date >= $today) AND NOT coalesce(s.clinical, false)
  RETURN collect(s.id) AS down
}
RETURN c {.id, .name, .estimated_size, .min_age, .max_age, .severity, .benefit_status,
          .housing_status, .in_work, .offending_history, .types_needed} AS cohort,
       ca.id AS area_id, ca.name AS area_name, d.id AS domain, n.estimated AS estimated,
       up AS services_covering, down AS services_within,
       COLLECT { MATCH (ca)<-[:PART_OF]-(p:Area) RETURN {id: p.id, name: p.name}
                 ORDER BY p.name, p.id } AS parts
ORDER BY c.id, d.order
