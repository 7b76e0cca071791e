// People whose journey enters at service $from_id (optionally with an event of one of
// $entry_types), with all their events from that date on, in order.
MATCH (:Service {id: $from_id})<-[:AT]-(e0:Event)<-[:HAD]-(p:Person)
WHERE size($entry_types) = 0 OR e0.type IN $entry_types
WITH p, min(e0.date) AS entered
CALL (p, entered) {
  MATCH (p)-[:HAD]->(e:Event)-[:AT]->(s:Service)
  WHERE e.date >= entered
  WITH e, s ORDER BY e.date, e.seq, e.id
  RETURN collect({service_id: s.id, name: s.name, type: e.type, date: e.date,
                  outcome: e.outcome}) AS events
}
RETURN entered, events
