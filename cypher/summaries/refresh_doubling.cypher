// Keep, per pair of services, how many people were with both at the same time (their
// DOUBLED_UP, kept at import by cypher/importing/rebuild_by_kind.cypher): one DOUBLING
// relationship from the first service (by id) to the other, with the days both had started
// (`dates`, ascending) and how many people started both on each (`counts`), their total
// (`people`) and the latest day (`last`), so the overlaps analysis counts those both started
// by its date without reading every person. Whole area, like refresh_cohort_needs.
CALL () {
  MATCH (:Service)-[old:DOUBLING]->(:Service)
  DELETE old
}
CALL () {
  MATCH (:Person)-[d:DOUBLED_UP]->(s1:Service)
  WHERE d.since IS NOT NULL
  WITH s1, d.other AS other, d.since AS since, count(*) AS people
  ORDER BY since
  WITH s1, other, collect(since) AS dates, collect(people) AS counts
  MATCH (s2:Service {id: other})
  CREATE (s1)-[:DOUBLING {dates: dates, counts: counts, last: dates[-1],
                          people: reduce(n = 0, c IN counts | n + c)}]->(s2)
  RETURN count(*) AS pairs
}
RETURN pairs
