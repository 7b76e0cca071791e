// Rebuild, for the given people, what depends on their ENGAGED_WITH summaries and on the
// life domains and types of the services they were with (so it is run for an import's
// people and for the people of a service whose kinds an import changes):
// - DOUBLED_UP: one per two services of the same life domain and type of support they were
//   with at the same time (open-ended while not discharged), on the first of the two by id,
//   naming the other and the day both had started. The overlaps analysis counts those with
//   `since` on or before its date instead of pairing every engagement in the area.
// - p.reached: the life domains of the services they have started with (sorted), which the
//   orphans analysis's no-contact check reads instead of every member's engagements.
UNWIND $ids AS pid
MATCH (p:Person {id: pid})
CALL (p) {
  OPTIONAL MATCH (p)-[d:DOUBLED_UP]->(:Service)
  DELETE d
}
CALL (p) {
  MATCH (p)-[e1:ENGAGED_WITH]->(s1:Service), (p)-[e2:ENGAGED_WITH]->(s2:Service)
  WHERE s1.id < s2.id AND e1.started IS NOT NULL AND e2.started IS NOT NULL
    AND (e2.ended IS NULL OR e1.started <= e2.ended)
    AND (e1.ended IS NULL OR e2.started <= e1.ended)
    AND EXISTS { (s1)-[:IN_DOMAIN]->(:Domain)<-[:IN_DOMAIN]-(s2) }
    AND EXISTS { (s1)-[:PROVIDES_TYPE]->(:SupportType)<-[:PROVIDES_TYPE]-(s2) }
  CREATE (p)-[:DOUBLED_UP {other: s2.id,
                           since: CASE WHEN e1.started > e2.started THEN e1.started
                                       ELSE e2.started END}]->(s1)
}
SET p.reached = COLLECT {
  MATCH (p)-[e:ENGAGED_WITH]->(:Service)-[:IN_DOMAIN]->(d:Domain)
  WHERE e.started IS NOT NULL
  WITH DISTINCT d.id AS domain
  RETURN domain ORDER BY domain
}
RETURN count(p) AS people
