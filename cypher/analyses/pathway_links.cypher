// How people moved between services: for each (from, to) pair, the people with a referral
// or an admission at `to` referred from `from` (the TRAVELLED summaries kept by
// cypher/summaries/refresh_travelled.cypher), and whether a referral route links them.
MATCH (a:Service)-[t:TRAVELLED]->(b:Service)
RETURN a.id AS from_id, a.name AS from_name, b.id AS to_id, b.name AS to_name,
       t.people AS people, EXISTS { (a)-[:REFERS_TO]->(b) } AS route
ORDER BY people DESC, from_id, to_id
