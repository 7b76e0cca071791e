// After an ORUK import: which of each service's life domains and types of support were only
// suggested from its own words (ecosystem/oruk/suggest.py), not given by its taxonomy terms
// or confirmed by an officer. Analyses use every link; pages show the suggested ones as such.
UNWIND $rows AS r
MATCH (s:Service {id: r.id})
CALL (s, r) {
  MATCH (s)-[l:IN_DOMAIN]->(d:Domain)
  SET l.suggested = d.id IN r.domains
}
CALL (s, r) {
  MATCH (s)-[l:PROVIDES_TYPE]->(t:SupportType)
  SET l.suggested = t.id IN r.types
}
RETURN count(s) AS services
