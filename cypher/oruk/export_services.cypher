// Every service still in its feed (or from no feed), with what an ORUK service_full needs.
MATCH (s:Service)
WHERE coalesce(s.in_feed, true)
OPTIONAL MATCH (p:Provider)-[:PROVIDES]->(s)
WITH s, p
ORDER BY s.id
RETURN s {.*} AS service,
       p {.id, .name, .sector, .website} AS provider,
       [(s)-[:SERVES_AREA]->(a:Area) | a {.id, .name}] AS areas,
       [(s)-[:IN_DOMAIN]->(d:Domain) | d {.id, .name, .description}] AS domains,
       [(s)-[:PROVIDES_TYPE]->(t:SupportType) | t {.id, .name, .description}] AS types,
       [(s)-[:USES_SOURCE]->(x:Source) | x {.id, .name, .description}] AS sources,
       [(c:Commissioner)-[:FUNDS]->(:Contract)-[:FOR_SERVICE]->(s) | c.name] AS commissioners
