// The offline importer cannot store an empty list; the online import stores `[]` (an empty
// eligibility list means "no restriction"). Set those after a bulk first load: $props (the
// same empty lists for all) on the $label nodes with these $ids.
UNWIND $ids AS id
CALL (id) {
  WITH id WHERE $label = 'Service'
  MATCH (n:Service {id: id})
  SET n += $props
}
CALL (id) {
  WITH id WHERE $label = 'Person'
  MATCH (n:Person {id: id})
  SET n += $props
}
CALL (id) {
  WITH id WHERE $label = 'Cohort'
  MATCH (n:Cohort {id: id})
  SET n += $props
}
RETURN count(id) AS rows
