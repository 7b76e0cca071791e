// People whose journey enters with an event of one of $entry_types (e.g. an admission)
// at any service, with all their events from that date on, in order. Anchored on the
// (type, date) index.
MATCH (e0:Event)
WHERE e0.type IN $entry_types
MATCH (p:Person)-[:HAD]->(e0)
WITH p, min(e0.date) AS entered
CALL (p, entered) {
  MATCH (p)-[:HAD]->(e:Event)-[:AT]->(s:Service)
  WHERE e.date >= entered
  WITH e, s ORDER BY e.date, e.seq, e.id
  RETURN collect({service_id: s.id, name: s.name, type: e.type, date: e.date,
                  outcome: e.outcome}) AS events
}
RETURN entered, events
