// Benchmark only (bench/): remove the ENGAGED_WITH summaries and DOUBLED_UP pairs (derived
// from events).
MATCH (:Person)-[w:ENGAGED_WITH|DOUBLED_UP]->(:Service)
CALL (w) { DELETE w } IN TRANSACTIONS OF 10000 ROWS
