// Whether a map written before engagements kept `reached_on` needs it worked out: an outcome
// reached since an engagement started, on an engagement without it.
RETURN EXISTS {
  MATCH (p:Person)-[:HAD]->(o:Event {type: 'outcome'})-[:AT]->(s:Service),
        (p)-[ew:ENGAGED_WITH]->(s)
  WHERE ew.reached_on IS NULL AND ew.started IS NOT NULL AND o.outcome IS NOT NULL
    AND NOT o.outcome IN $not_reached AND o.date >= ew.started
} AS needed
