// Candidate duplicated provision: pairs of active services that serve overlapping areas (the
// same area, or one within the other) and share a life domain and a type of support.
// Anchored on each service's areas, so only services that meet in some area are paired.
// Python then checks the cohort / eligibility overlap. $today.
MATCH (s1:Service {status: 'active'})-[:SERVES_AREA]->(a1:Area)
WHERE s1.end_date IS NULL OR s1.end_date >= $today
CALL (a1) {
  MATCH (a1)-[:PART_OF*0..5]->(x:Area)
  RETURN x
  UNION
  MATCH (a1)<-[:PART_OF*1..5]-(x:Area)
  RETURN x
}
MATCH (x)<-[:SERVES_AREA]-(s2:Service {status: 'active'})
WHERE s1.id < s2.id AND (s2.end_date IS NULL OR s2.end_date >= $today)
WITH DISTINCT s1, s2
WITH s1, s2,
     COLLECT { MATCH (s1)-[:IN_DOMAIN]->(d:Domain)<-[:IN_DOMAIN]-(s2) RETURN d.id } AS domains,
     COLLECT { MATCH (s1)-[:PROVIDES_TYPE]->(t:SupportType)<-[:PROVIDES_TYPE]-(s2) RETURN t.id }
       AS types
WHERE size(domains) > 0 AND size(types) > 0
RETURN s1.id AS a, s2.id AS b, domains, types,
       COLLECT { MATCH (s1)-[:FOR_COHORT]->(c:Cohort)<-[:FOR_COHORT]-(s2) RETURN c.id }
         AS shared_cohorts
