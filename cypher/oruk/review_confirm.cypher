// An officer's review of suggested classifications. For each service: with a `domain`
// (or `type`), its suggested domains (types) are replaced by that one; then every domain and
// type it has is confirmed. The service records when and by whom, so a later import with
// still no taxonomy terms keeps the officer's choice instead of suggesting again.
UNWIND $rows AS r
MATCH (s:Service {id: r.id})
WHERE EXISTS { (s)-[l:IN_DOMAIN|PROVIDES_TYPE]->() WHERE l.suggested }
CALL (s, r) {
  WITH s, r WHERE r.domain IS NOT NULL
  MATCH (d:Domain {id: r.domain})
  OPTIONAL MATCH (s)-[old:IN_DOMAIN]->(x:Domain) WHERE old.suggested AND x.id <> r.domain
  DELETE old
  WITH DISTINCT s, d
  MERGE (s)-[:IN_DOMAIN]->(d)
}
CALL (s, r) {
  WITH s, r WHERE r.type IS NOT NULL
  MATCH (t:SupportType {id: r.type})
  OPTIONAL MATCH (s)-[old:PROVIDES_TYPE]->(x:SupportType) WHERE old.suggested AND x.id <> r.type
  DELETE old
  WITH DISTINCT s, t
  MERGE (s)-[:PROVIDES_TYPE]->(t)
}
CALL (s) {
  MATCH (s)-[l:IN_DOMAIN|PROVIDES_TYPE]->()
  SET l.suggested = false
}
SET s.classification_reviewed_on = $today, s.classification_reviewed_by = $actor
RETURN s.id AS id
