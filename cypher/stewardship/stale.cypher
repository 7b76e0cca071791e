// Stale services: details last checked before $stale_before, or never; oldest first (never
// checked first). $providers: only services of these providers (null: every service).
// $skip/$limit: the page shown (the worklist); the reminders ask for every row.
// The same WHERE as stale_counts.cypher: keep the two in step.
MATCH (s:Service)
WHERE (s.last_verified IS NULL OR s.last_verified < $stale_before)
  AND ($providers IS NULL
       OR EXISTS { MATCH (p:Provider)-[:PROVIDES]->(s) WHERE p.id IN $providers })
WITH s
ORDER BY s.last_verified IS NOT NULL, s.last_verified, s.name, s.id
SKIP $skip LIMIT $limit
RETURN s.id AS id, s.name AS name, s.last_verified AS last_verified,
       COLLECT { MATCH (p:Provider)-[:PROVIDES]->(s) RETURN [p.id, p.name] ORDER BY p.name }
         AS providers,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN [a.id, a.name] ORDER BY a.name }
         AS areas
