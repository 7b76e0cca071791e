// The offline importer cannot store an empty list; the online import stores `[]` (an empty
// eligibility list means "no restriction"). Set those after a bulk first load.
UNWIND $rows AS r
CALL (r) {
  WITH r WHERE r.label = 'Service'
  MATCH (n:Service {id: r.id})
  SET n += r.props
}
CALL (r) {
  WITH r WHERE r.label = 'Person'
  MATCH (n:Person {id: r.id})
  SET n += r.props
}
RETURN count(r) AS rows
