// The area map grouped, for maps too big to draw: how many nodes the full map would have
// (services passing the filters, as in map_nodes, with their providers, commissioners and
// cohorts) and the services per group. $group_by: 'area' groups by a service's first
// place-level area by name (local authority or place; null if none), 'domain' by its
// first life domain (null if none). Filters as in map_nodes: null for "any".
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
  MATCH (p:Provider)
  WHERE everything OR EXISTS { MATCH (p)-[:PROVIDES]->(s:Service) WHERE s IN services }
  RETURN count(p) AS providers
}
CALL (services, everything) {
  MATCH (c:Commissioner)
  WHERE everything OR EXISTS { MATCH (c)-[:FUNDS]->(:Contract)-[:FOR_SERVICE]->(s:Service)
                               WHERE s IN services }
  RETURN count(c) AS commissioners
}
CALL (services, everything) {
  MATCH (h:Cohort)
  WHERE everything OR EXISTS { MATCH (s:Service)-[:FOR_COHORT]->(h) WHERE s IN services }
  RETURN count(h) AS cohorts
}
CALL (services) {
  UNWIND services AS s
  WITH CASE $group_by
         WHEN 'domain' THEN COLLECT { MATCH (s)-[:IN_DOMAIN]->(d:Domain)
                                      RETURN [d.id, d.name] ORDER BY d.order LIMIT 1 }
         ELSE COLLECT { MATCH (s)-[:SERVES_AREA]->(:Area)-[:PART_OF*0..]->(pl:Area)
                        WHERE pl.level IN ['local_authority', 'place']
                        WITH DISTINCT pl RETURN [pl.id, pl.name] ORDER BY pl.name LIMIT 1 }
       END AS first
  WITH first[0][0] AS id, first[0][1] AS name, count(*) AS n
  RETURN collect({id: id, name: name, services: n}) AS groups
}
RETURN size(services) + providers + commissioners + cohorts AS nodes, groups
