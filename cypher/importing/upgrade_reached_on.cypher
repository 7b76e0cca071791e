// Each engagement's `reached_on` from the person's events, as rebuild_journeys.cypher sets it:
// the first outcome at the service since the start whose code is not in $not_reached.
MATCH (p:Person)-[ew:ENGAGED_WITH]->(s:Service)
WHERE ew.started IS NOT NULL
CALL (p, s, ew) {
  // No label on `o`: the person's own events, not a type-index seek per engagement.
  MATCH (p)-[:HAD]->(o)
  WHERE o.type = 'outcome' AND o.outcome IS NOT NULL AND NOT o.outcome IN $not_reached
    AND o.date >= ew.started AND EXISTS { (o)-[:AT]->(s) }
  WITH min(o.date) AS first
  SET ew.reached_on = first
} IN TRANSACTIONS OF 10000 ROWS
