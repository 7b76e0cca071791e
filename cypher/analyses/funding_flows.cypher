// Money flows: commissioner -> current contract -> service, with the service's life domains
// and cohorts (and the cohorts' estimated sizes). Optionally limited to services serving
// $area_id or an area within it / it is part of ($area_id null = everything). $today.
MATCH (c:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s:Service)
WHERE k.start_date <= $today AND (k.end_date IS NULL OR k.end_date >= $today)
  AND ($area_id IS NULL OR EXISTS {
    MATCH (s)-[:SERVES_AREA]->(a:Area), (home:Area {id: $area_id})
    WHERE a = home OR EXISTS { (home)-[:PART_OF*1..5]->(a) } OR EXISTS { (a)-[:PART_OF*1..5]->(home) }
  })
RETURN c.id AS commissioner_id, c.name AS commissioner, c.kind AS commissioner_kind,
       k.id AS contract_id, k.annual_value AS value, k.end_date AS end_date,
       s.id AS service_id, s.name AS service, s.status AS status,
       coalesce(s.clinical, false) AS clinical,
       COLLECT { MATCH (s)-[:IN_DOMAIN]->(d:Domain) RETURN d.id ORDER BY d.order } AS domains,
       COLLECT { MATCH (s)-[:FOR_COHORT]->(h:Cohort)
                 RETURN {id: h.id, name: h.name, size: h.estimated_size} } AS cohorts
ORDER BY commissioner_id, contract_id
