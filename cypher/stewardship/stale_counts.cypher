// The whole worklist's figures, whatever page is shown: how many services are stale (the
// same WHERE as stale.cypher: keep the two in step), and how many of them each provider
// provides and each area is served by ([id, name, count] rows).
MATCH (s:Service)
WHERE (s.last_verified IS NULL OR s.last_verified < $stale_before)
  AND ($providers IS NULL
       OR EXISTS { MATCH (p:Provider)-[:PROVIDES]->(s) WHERE p.id IN $providers })
WITH collect(s) AS stale
RETURN size(stale) AS total,
       COLLECT { UNWIND stale AS s MATCH (p:Provider)-[:PROVIDES]->(s)
                 WITH p, count(DISTINCT s) AS n RETURN [p.id, p.name, n] } AS by_provider,
       COLLECT { UNWIND stale AS s MATCH (s)-[:SERVES_AREA]->(a:Area)
                 WITH a, count(DISTINCT s) AS n RETURN [a.id, a.name, n] } AS by_area
