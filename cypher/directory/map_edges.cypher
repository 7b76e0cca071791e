// The area map's links: who provides each service, who funds it (contracts summed per
// commissioner and service) and the referral routes between services.
MATCH (p:Provider)-[:PROVIDES]->(s:Service)
RETURN 'provider' AS source_kind, p.id AS source, 'service' AS target_kind, s.id AS target,
       'provides' AS relation, null AS value
UNION ALL
MATCH (c:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s:Service)
WITH c, s, sum(k.annual_value) AS value
RETURN 'commissioner' AS source_kind, c.id AS source, 'service' AS target_kind, s.id AS target,
       'funds' AS relation, toFloat(value) AS value
UNION ALL
MATCH (a:Service)-[:REFERS_TO]->(b:Service)
RETURN 'service' AS source_kind, a.id AS source, 'service' AS target_kind, b.id AS target,
       'refers to' AS relation, null AS value
