// Candidate duplicated provision: pairs of active services that share a life domain and a
// type of support and serve overlapping areas (the same area, or one within the other).
// Python then checks the cohort / eligibility overlap. $today.
MATCH (d:Domain)<-[:IN_DOMAIN]-(s1:Service {status: 'active'})-[:PROVIDES_TYPE]->(t:SupportType)
WHERE s1.end_date IS NULL OR s1.end_date >= $today
MATCH (d)<-[:IN_DOMAIN]-(s2:Service {status: 'active'})-[:PROVIDES_TYPE]->(t)
WHERE s1.id < s2.id AND (s2.end_date IS NULL OR s2.end_date >= $today)
WITH s1, s2, collect(DISTINCT d.id) AS domains, collect(DISTINCT t.id) AS types
WHERE EXISTS {
  MATCH (s1)-[:SERVES_AREA]->(a1:Area), (s2)-[:SERVES_AREA]->(a2:Area)
  WHERE a1 = a2 OR EXISTS { (a1)-[:PART_OF*1..5]->(a2) } OR EXISTS { (a2)-[:PART_OF*1..5]->(a1) }
}
RETURN s1.id AS a, s2.id AS b, domains, types,
       COLLECT { MATCH (s1)-[:FOR_COHORT]->(c:Cohort)<-[:FOR_COHORT]-(s2) RETURN c.id }
         AS shared_cohorts
