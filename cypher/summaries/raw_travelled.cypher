// People referred (or admitted) at one service from another, per pair, from every event
// (what refresh_travelled stores): `summaries.check` compares them with the stored ones.
MATCH (p:Person)-[:HAD]->(e:Event)-[:REFERRED_FROM]->(a:Service)
WHERE e.type IN ['referral', 'admission']
MATCH (e)-[:AT]->(b:Service)
WHERE a <> b
WITH a, b, count(DISTINCT p) AS people
RETURN a.id AS a, b.id AS b, people
ORDER BY a, b
