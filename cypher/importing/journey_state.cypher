// Before journey events are written: which of these people already have events in the map,
// and which of these events are there already (with their row hashes, and whose they are:
// an event may move to another person). People with no events yet get their journeys
// written whole; unchanged events are not sent again.
CALL () {
  UNWIND $people AS id
  MATCH (p:Person {id: id})
  WHERE EXISTS { (p)-[:HAD]->(:Event) }
  RETURN collect(id) AS with_history
}
CALL () {
  UNWIND $events AS id
  MATCH (e:Event {id: id})
  OPTIONAL MATCH (owner:Person)-[:HAD]->(e)
  RETURN collect([id, e.row_hash, owner.id]) AS existing
}
RETURN with_history, existing
