// A service, its provider and its classification. Relationships are rebuilt only when the
// row changed or a link to the reference data is missing (a map imported before its
// reference data was loaded), so an unchanged re-import writes nothing but the lookups.
UNWIND $rows AS r
MERGE (n:Service {id: r.id})
WITH n, r, n.row_hash AS before, n.last_verified AS checked
SET n += r.props, n.row_hash = r.row_hash
// The later of the stored and the imported last_verified: a file older than a "still correct"
// (or without the column) never makes an entry look less recently checked.
SET n.last_verified = CASE WHEN checked IS NULL
                             OR (r.props.last_verified IS NOT NULL
                                 AND r.props.last_verified > checked)
                           THEN r.props.last_verified ELSE checked END
WITH n, r, before,
     before IS NULL OR before <> r.row_hash
     OR any(x IN r.domains WHERE NOT EXISTS { (n)-[:IN_DOMAIN]->(:Domain {id: x}) })
     OR any(x IN r.sources WHERE NOT EXISTS { (n)-[:USES_SOURCE]->(:Source {id: x}) })
     OR any(x IN r.types WHERE NOT EXISTS { (n)-[:PROVIDES_TYPE]->(:SupportType {id: x}) })
     OR (r.model_id IS NOT NULL
         AND NOT EXISTS { (n)-[:FOLLOWS_MODEL]->(:Model {id: r.model_id}) }) AS stale
CALL (n, r, stale) {
  WITH n, r WHERE stale
  OPTIONAL MATCH (n)-[old:SERVES_AREA|IN_DOMAIN|USES_SOURCE|PROVIDES_TYPE|FOLLOWS_MODEL|FOR_COHORT]->()
  DELETE old
  WITH DISTINCT n, r
  OPTIONAL MATCH (:Provider)-[oldp:PROVIDES]->(n)
  DELETE oldp
  WITH DISTINCT n, r
  MATCH (p:Provider {id: r.provider_id})
  MERGE (p)-[:PROVIDES]->(n)
  WITH n, r
  CALL (n, r) { UNWIND r.areas AS x MATCH (a:Area {id: x}) MERGE (n)-[:SERVES_AREA]->(a) }
  CALL (n, r) { UNWIND r.domains AS x MATCH (d:Domain {id: x}) MERGE (n)-[:IN_DOMAIN]->(d) }
  CALL (n, r) { UNWIND r.sources AS x MATCH (s:Source {id: x}) MERGE (n)-[:USES_SOURCE]->(s) }
  CALL (n, r) {
    UNWIND r.types AS x MATCH (t:SupportType {id: x}) MERGE (n)-[:PROVIDES_TYPE]->(t)
  }
  CALL (n, r) { UNWIND r.cohorts AS x MATCH (c:Cohort {id: x}) MERGE (n)-[:FOR_COHORT]->(c) }
  CALL (n, r) {
    OPTIONAL MATCH (m:Model {id: r.model_id})
    FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END |
      MERGE (n)-[f:FOLLOWS_MODEL]->(m) SET f.fidelity = r.model_fidelity)
  }
}
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND stale THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN NOT stale THEN 1 ELSE 0 END) AS unchanged
