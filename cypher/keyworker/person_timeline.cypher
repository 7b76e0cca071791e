// One person's journey, oldest first: each event, at which service, referred from which
// (the person's page, which web/access.py audits). $person_id, $limit.
MATCH (:Person {id: $person_id})-[:HAD]->(e:Event)-[:AT]->(s:Service)
RETURN e.date AS date, e.seq AS seq, e.type AS type, e.outcome AS outcome,
       s.id AS service_id, s.name AS service_name,
       COLLECT { MATCH (e)-[:REFERRED_FROM]->(f:Service) RETURN f.name }[0] AS referred_from
ORDER BY date, seq
LIMIT $limit
