// Doubling up: people engaged with two services of the same life domain and type of
// support at the same time, from the ENGAGED_WITH summaries (not raw events), per pair.
// An engagement runs from its start to its discharge (open-ended while ongoing).
MATCH (p:Person)-[e1:ENGAGED_WITH]->(s1:Service)
WHERE e1.started IS NOT NULL
MATCH (p)-[e2:ENGAGED_WITH]->(s2:Service)
WHERE s1.id < s2.id AND e2.started IS NOT NULL
  AND e1.started <= coalesce(e2.ended, $today) AND e2.started <= coalesce(e1.ended, $today)
WITH s1, s2, count(p) AS people
MATCH (s1)-[:IN_DOMAIN]->(d:Domain)<-[:IN_DOMAIN]-(s2)
MATCH (s1)-[:PROVIDES_TYPE]->(t:SupportType)<-[:PROVIDES_TYPE]-(s2)
RETURN s1.id AS a, s2.id AS b, people, collect(DISTINCT d.id) AS domains,
       collect(DISTINCT t.id) AS types
