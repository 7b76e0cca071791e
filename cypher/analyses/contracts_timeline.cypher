// Contracts running on or after $today (current ones and recorded renewals), with their
// commissioner and service. $area_id (null = everywhere): only services serving it, an area
// within it or one it is part of.
MATCH (c:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s:Service)
WHERE (k.end_date IS NULL OR k.end_date >= $today)
  AND ($area_id IS NULL OR EXISTS {
    MATCH (s)-[:SERVES_AREA]->(a:Area), (home:Area {id: $area_id})
    WHERE a = home OR EXISTS { (home)-[:PART_OF*1..5]->(a) }
       OR EXISTS { (a)-[:PART_OF*1..5]->(home) }
  })
RETURN k.id AS contract_id, k.start_date AS start_date, k.end_date AS end_date,
       k.annual_value AS value, c.id AS commissioner_id, c.name AS commissioner,
       s.id AS service_id, s.name AS service, s.status AS status,
       coalesce(s.clinical, false) AS clinical
ORDER BY service_id, start_date, contract_id
