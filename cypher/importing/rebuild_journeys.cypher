// Rebuild the derived journey structure for the given people: the NEXT chain of their
// events in date order, and one ENGAGED_WITH summary per person and service. $not_reached:
// the outcome codes that do not count as an outcome reached (vocabulary.OUTCOMES_NOT_REACHED).
UNWIND $ids AS pid
MATCH (p:Person {id: pid})
CALL (p) {
  OPTIONAL MATCH (p)-[:HAD]->(:Event)-[nx:NEXT]->(:Event)
  DELETE nx
}
CALL (p) {
  OPTIONAL MATCH (p)-[ew:ENGAGED_WITH]->(:Service)
  DELETE ew
}
CALL (p) {
  MATCH (p)-[:HAD]->(e:Event)
  WITH e ORDER BY e.date, e.seq, e.id
  WITH collect(e) AS es
  UNWIND range(0, size(es) - 2) AS i
  WITH es[i] AS a, es[i + 1] AS b
  CREATE (a)-[:NEXT]->(b)
}
CALL (p) {
  MATCH (p)-[:HAD]->(e:Event)-[:AT]->(s:Service)
  // In date order, so the outcome and refusal kept are the first ones, whatever the storage.
  WITH s, e ORDER BY e.date, e.seq, e.id
  WITH s,
       min(CASE WHEN e.type = 'referral' THEN e.date END) AS referred,
       min(CASE WHEN e.type IN ['start', 'admission'] THEN e.date END) AS started,
       max(CASE WHEN e.type = 'discharge' THEN e.date END) AS ended,
       max(CASE WHEN e.type IN ['decline', 'not_eligible'] THEN e.date END) AS refused,
       collect(CASE WHEN e.type = 'outcome' THEN e.outcome END) AS outcomes,
       collect(CASE WHEN e.type IN ['decline', 'not_eligible'] THEN e.type END) AS refusals,
       collect(CASE WHEN e.type = 'outcome' AND e.outcome IS NOT NULL
                     AND NOT e.outcome IN $not_reached THEN e.date END) AS reached_dates
  MERGE (p)-[ew:ENGAGED_WITH]->(s)
  SET ew.referred = referred, ew.started = started, ew.ended = ended,
      ew.from = started, ew.to = ended, ew.outcome = outcomes[0],
      ew.refused = refusals[0],
      ew.wait_days = CASE WHEN referred IS NOT NULL AND started IS NOT NULL
                          THEN duration.inDays(referred, started).days END,
      // The first outcome reached since it started ($not_reached: codes that are not one).
      ew.reached_on = CASE WHEN started IS NOT NULL THEN
                        reduce(m = null, d IN reached_dates |
                               CASE WHEN d >= started AND (m IS NULL OR d < m) THEN d ELSE m END)
                      END
}
RETURN count(p) AS people
