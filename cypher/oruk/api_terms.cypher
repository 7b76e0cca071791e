// The codes the ORUK API's published services use (ecosystem/oruk/api.py builds its taxonomy
// terms from them): the services still in their feed with a status in $statuses (none given
// counting as active); `unnamed` counts those with no name as text (never published, so the
// terms cannot be told from the codes alone); each distinct life domain, type and source of
// support they are in, and each distinct feed term (as stored, JSON).
MATCH (s:Service)
WHERE coalesce(s.in_feed, true)
  AND (CASE WHEN s.status IS NULL OR s.status = '' THEN 'active' ELSE s.status END)
      IN $statuses
WITH collect(s) AS services
RETURN size([s IN services WHERE NOT s.name IS :: STRING NOT NULL]) AS unnamed,
       COLLECT { UNWIND services AS s MATCH (s)-[:IN_DOMAIN]->(d:Domain)
                 RETURN DISTINCT d {.id, .name, .description} } AS domains,
       COLLECT { UNWIND services AS s MATCH (s)-[:PROVIDES_TYPE]->(t:SupportType)
                 RETURN DISTINCT t {.id, .name, .description} } AS types,
       COLLECT { UNWIND services AS s MATCH (s)-[:USES_SOURCE]->(x:Source)
                 RETURN DISTINCT x {.id, .name, .description} } AS sources,
       COLLECT { UNWIND services AS s UNWIND coalesce(s.taxonomy_terms, []) AS t
                 RETURN DISTINCT t } AS feed
