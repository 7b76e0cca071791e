// Node counts by label, for status and tests.
CALL db.labels() YIELD label
CALL (label) {
  MATCH (n) WHERE label IN labels(n)
  RETURN count(n) AS n
}
RETURN label, n ORDER BY label
