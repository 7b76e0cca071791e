// Benchmark only (bench/): remove the ENGAGED_WITH summaries (derived from events).
MATCH (:Person)-[w:ENGAGED_WITH]->(:Service)
CALL (w) { DELETE w } IN TRANSACTIONS OF 10000 ROWS
