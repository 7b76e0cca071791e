// Delete journey events dated before $cutoff, in batches. Each person who loses one is
// marked in the same batch, so a run interrupted before their journey is rebuilt leaves the
// mark, and the next run rebuilds them.
MATCH (e:Event) WHERE e.date < $cutoff
OPTIONAL MATCH (p:Person)-[:HAD]->(e)
CALL (e, p) {
  FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | SET p.retention_pending = true)
  DETACH DELETE e
} IN TRANSACTIONS OF 10000 ROWS
