// Benchmark only (bench/): remove people in batches before admin/clear, which would otherwise
// take every NEEDS, LIVES_IN and MEMBER_OF relationship of a domain, area or cohort node
// (hundreds of thousands at L) into one transaction.
MATCH (p:Person)
CALL (p) { DETACH DELETE p } IN TRANSACTIONS OF 10000 ROWS
