// How people moved between services: for each (from, to) pair, the people with a referral
// or an admission at `to` referred from `from`, and whether a referral route links them.
MATCH (p:Person)-[:HAD]->(e:Event)-[:REFERRED_FROM]->(a:Service)
WHERE e.type IN ['referral', 'admission']
MATCH (e)-[:AT]->(b:Service)
WHERE a <> b
WITH a, b, count(DISTINCT p) AS people
RETURN a.id AS from_id, a.name AS from_name, b.id AS to_id, b.name AS to_name, people,
       EXISTS { (a)-[:REFERS_TO]->(b) } AS route
ORDER BY people DESC, from_id, to_id
