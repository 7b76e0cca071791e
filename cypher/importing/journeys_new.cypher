// Whole journeys of people who have no events in the map yet (ecosystem/importers/journeys.py
// derived them): their events in date order, the NEXT chain, the ENGAGED_WITH summaries,
// DOUBLED_UP pairs and the domains reached (see rebuild_by_kind.cypher). Only CREATEs:
// nothing of theirs exists to compare with or delete.
UNWIND $people AS pp
MATCH (p:Person {id: pp.id})
SET p.reached = pp.reached
WITH p, pp
CALL (p, pp) {
  UNWIND pp.events AS r
  MATCH (s:Service {id: r.service_id})
  CREATE (p)-[:HAD]->(e:Event {id: r.id, type: r.type, date: r.date, seq: r.seq,
                               outcome: r.outcome, row_hash: r.row_hash})-[:AT]->(s)
  WITH e, r
  CALL (e, r) {
    WITH e, r WHERE r.referred_from_service_id IS NOT NULL
    MATCH (f:Service {id: r.referred_from_service_id})
    CREATE (e)-[:REFERRED_FROM]->(f)
  }
  RETURN collect(e) AS es
}
CALL (es) {
  UNWIND range(0, size(es) - 2) AS i
  WITH es[i] AS a, es[i + 1] AS b
  CREATE (a)-[:NEXT]->(b)
}
CALL (p, pp) {
  UNWIND pp.engaged AS g
  MATCH (s:Service {id: g.service_id})
  CREATE (p)-[ew:ENGAGED_WITH]->(s)
  SET ew = g.props
}
CALL (p, pp) {
  UNWIND pp.doubled AS x
  MATCH (s:Service {id: x.a})
  CREATE (p)-[:DOUBLED_UP {other: x.b, since: x.since}]->(s)
}
RETURN count(p) AS people
