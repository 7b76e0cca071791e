// The area map's nodes: the services that pass the filters (sized by capacity), their
// providers (by the capacity of their services), commissioners (by annual spend through
// contracts) and cohorts (by estimated size). Each filter is null for "any".
// $area_id: services serving that area or an area within it (PART_OF, any depth).
// With no filter at all, providers, commissioners and cohorts without services show too.
MATCH (s:Service)
WHERE ($area_id IS NULL
       OR EXISTS { MATCH (s)-[:SERVES_AREA]->(:Area)-[:PART_OF*0..]->(:Area {id: $area_id}) })
  AND ($domain IS NULL OR EXISTS { MATCH (s)-[:IN_DOMAIN]->(:Domain {id: $domain}) })
  AND ($source IS NULL OR EXISTS { MATCH (s)-[:USES_SOURCE]->(:Source {id: $source}) })
  AND ($support_type IS NULL
       OR EXISTS { MATCH (s)-[:PROVIDES_TYPE]->(:SupportType {id: $support_type}) })
  AND ($commissioner IS NULL
       OR EXISTS { MATCH (:Commissioner {id: $commissioner})-[:FUNDS]->(:Contract)
                         -[:FOR_SERVICE]->(s) })
  AND ($cohort IS NULL OR EXISTS { MATCH (s)-[:FOR_COHORT]->(:Cohort {id: $cohort}) })
WITH collect(s) AS services
WITH services,
     $area_id IS NULL AND $domain IS NULL AND $source IS NULL AND $support_type IS NULL
     AND $commissioner IS NULL AND $cohort IS NULL AS everything
CALL (services, everything) {
  UNWIND services AS s
  RETURN 'service' AS kind, s.id AS id, s.name AS name, s.status AS status,
         COLLECT { MATCH (s)-[:IN_DOMAIN]->(d:Domain) RETURN d.id ORDER BY d.order } AS domains,
         toFloat(s.capacity) AS size,
         COLLECT { MATCH (s)-[:SERVES_AREA]->(:Area)-[:PART_OF*0..]->(pl:Area)
                   WHERE pl.level IN ['local_authority', 'place']
                   WITH DISTINCT pl RETURN [pl.id, pl.name] ORDER BY pl.name } AS places
  UNION ALL
  MATCH (p:Provider)
  WHERE everything OR EXISTS { MATCH (p)-[:PROVIDES]->(s:Service) WHERE s IN services }
  CALL (p) {
    OPTIONAL MATCH (p)-[:PROVIDES]->(s:Service)
    RETURN toFloat(sum(coalesce(s.capacity, 0))) AS size
  }
  RETURN 'provider' AS kind, p.id AS id, p.name AS name, p.sector AS status, [] AS domains,
         size, [] AS places
  UNION ALL
  MATCH (c:Commissioner)
  WHERE everything OR EXISTS { MATCH (c)-[:FUNDS]->(:Contract)-[:FOR_SERVICE]->(s:Service)
                               WHERE s IN services }
  CALL (c) {
    OPTIONAL MATCH (c)-[:FUNDS]->(k:Contract)
    RETURN toFloat(sum(coalesce(k.annual_value, 0))) AS size
  }
  RETURN 'commissioner' AS kind, c.id AS id, c.name AS name, c.kind AS status, [] AS domains,
         size, [] AS places
  UNION ALL
  MATCH (h:Cohort)
  WHERE everything OR EXISTS { MATCH (s:Service)-[:FOR_COHORT]->(h) WHERE s IN services }
  RETURN 'cohort' AS kind, h.id AS id, h.name AS name, null AS status, [] AS domains,
         toFloat(h.estimated_size) AS size, [] AS places
}
RETURN kind, id, name, status, domains, size, places
