// People not yet in the map (load.py checked), pseudonymised: r.id is a keyed hash. Only
// CREATEs; cypher/importing/people.cypher handles people already there.
UNWIND $rows AS r
CREATE (n:Person {id: r.id})
SET n += r.props, n.row_hash = r.row_hash
WITH n, r
MATCH (a:Area {id: r.area_id})
CREATE (n)-[:LIVES_IN]->(a)
WITH n, r
CALL (n, r) { UNWIND r.cohorts AS x MATCH (c:Cohort {id: x}) MERGE (n)-[:MEMBER_OF]->(c) }
CALL (n, r) { UNWIND r.needs AS x MATCH (d:Domain {id: x}) MERGE (n)-[:NEEDS]->(d) }
RETURN count(n) AS created, 0 AS updated, 0 AS unchanged
