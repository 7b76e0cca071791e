// These people's journeys are rebuilt after retention (run in the rebuild's transaction).
// Someone left with no events is stored as a person who never had any (no `reached`).
UNWIND $ids AS pid
MATCH (p:Person {id: pid})
REMOVE p.retention_pending
FOREACH (_ IN CASE WHEN EXISTS { (p)-[:HAD]->(:Event) } THEN [] ELSE [1] END |
  REMOVE p.reached)
RETURN count(p) AS people
