// People doubled up per pair of services and day both had started, from every DOUBLED_UP
// (what refresh_doubling stores): `summaries.check` compares them with the stored ones.
MATCH (:Person)-[d:DOUBLED_UP]->(s1:Service)
WHERE d.since IS NOT NULL AND EXISTS { MATCH (s2:Service {id: d.other}) }
RETURN s1.id AS a, d.other AS b, d.since AS since, count(*) AS people
ORDER BY a, b, since
