// The stored DOUBLING summaries, one row per pair and day (see refresh_doubling).
MATCH (s1:Service)-[x:DOUBLING]->(s2:Service)
UNWIND range(0, size(x.dates) - 1) AS i
RETURN s1.id AS a, s2.id AS b, x.dates[i] AS since, x.counts[i] AS people,
       x.people AS total, x.last AS last
ORDER BY a, b, since
