// Benchmark only (bench/): remove every journey event and what was derived from them, so the
// real importer starts from the same graph the row-by-row baseline started from.
MATCH (e:Event)
CALL (e) { DETACH DELETE e } IN TRANSACTIONS OF 10000 ROWS
