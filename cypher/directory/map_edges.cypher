// The area map's links among the services in $service_ids: who provides each service, who
// funds it (contracts summed per commissioner and service), the cohorts it is for and the
// referral routes between them.
MATCH (p:Provider)-[:PROVIDES]->(s:Service)
WHERE s.id IN $service_ids
RETURN 'provider' AS source_kind, p.id AS source, 'service' AS target_kind, s.id AS target,
       'provides' AS relation, null AS value
UNION ALL
MATCH (c:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s:Service)
WHERE s.id IN $service_ids
WITH c, s, sum(k.annual_value) AS value
RETURN 'commissioner' AS source_kind, c.id AS source, 'service' AS target_kind, s.id AS target,
       'funds' AS relation, toFloat(value) AS value
UNION ALL
MATCH (s:Service)-[:FOR_COHORT]->(h:Cohort)
WHERE s.id IN $service_ids
RETURN 'service' AS source_kind, s.id AS source, 'cohort' AS target_kind, h.id AS target,
       'for cohort' AS relation, null AS value
UNION ALL
MATCH (a:Service)-[:REFERS_TO]->(b:Service)
WHERE a.id IN $service_ids AND b.id IN $service_ids
RETURN 'service' AS source_kind, a.id AS source, 'service' AS target_kind, b.id AS target,
       'refers to' AS relation, null AS value
