// Doubling up: people engaged with two services of the same life domain and type of
// support at the same time, per pair of services. Read from the DOUBLING summaries kept by
// every write (cypher/summaries/refresh_doubling.cypher), counting those both started by
// $today (all of them, unless some started after it). Clinical services are not social
// support: left out.
MATCH (s1:Service)-[x:DOUBLING]->(s2:Service)
WHERE NOT coalesce(s1.clinical, false) AND NOT coalesce(s2.clinical, false)
WITH s1, s2, CASE WHEN x.last <= $today THEN x.people
                  ELSE reduce(n = 0, i IN range(0, size(x.dates) - 1) |
                              n + CASE WHEN x.dates[i] <= $today THEN x.counts[i] ELSE 0 END)
             END AS people
WHERE people > 0
MATCH (s1)-[:IN_DOMAIN]->(dm:Domain)<-[:IN_DOMAIN]-(s2)
MATCH (s1)-[:PROVIDES_TYPE]->(t:SupportType)<-[:PROVIDES_TYPE]-(s2)
RETURN s1.id AS a, s2.id AS b, people, collect(DISTINCT dm.id) AS domains,
       collect(DISTINCT t.id) AS types
