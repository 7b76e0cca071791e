// Before journey events are written: which of these people already have events in the map,
// and which of these events are there already (with their row hashes). People with no
// events yet get their journeys written whole; unchanged events are not sent again.
CALL () {
  UNWIND $people AS id
  MATCH (p:Person {id: id})
  WHERE EXISTS { (p)-[:HAD]->(:Event) }
  RETURN collect(id) AS with_history
}
CALL () {
  UNWIND $events AS id
  MATCH (e:Event {id: id})
  RETURN collect([id, e.row_hash]) AS existing
}
RETURN with_history, existing
