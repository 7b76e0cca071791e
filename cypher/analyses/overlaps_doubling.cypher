// Doubling up: people engaged with two services of the same life domain and type of
// support at the same time, per pair of services. Read from the DOUBLED_UP pairs kept at
// import (cypher/importing/rebuild_by_kind.cypher), counting those both started by $today.
// Clinical services are not social support: left out.
MATCH (:Person)-[d:DOUBLED_UP]->(s1:Service)
WHERE d.since <= $today AND NOT coalesce(s1.clinical, false)
WITH s1, d.other AS other, count(*) AS people
MATCH (s2:Service {id: other}) WHERE NOT coalesce(s2.clinical, false)
MATCH (s1)-[:IN_DOMAIN]->(dm:Domain)<-[:IN_DOMAIN]-(s2)
MATCH (s1)-[:PROVIDES_TYPE]->(t:SupportType)<-[:PROVIDES_TYPE]-(s2)
RETURN s1.id AS a, s2.id AS b, people, collect(DISTINCT dm.id) AS domains,
       collect(DISTINCT t.id) AS types
