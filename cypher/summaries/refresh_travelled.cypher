// Keep, per pair of services, how many people were referred (or admitted) at the second from
// the first: one TRAVELLED relationship with `people`, so the pathway's suggested chains read
// a row per pair instead of every person's events. Whole area, like refresh_cohort_needs.
CALL () {
  MATCH (:Service)-[old:TRAVELLED]->(:Service)
  DELETE old
}
CALL () {
  MATCH (p:Person)-[:HAD]->(e:Event)-[:REFERRED_FROM]->(a:Service)
  WHERE e.type IN ['referral', 'admission']
  MATCH (e)-[:AT]->(b:Service)
  WHERE a <> b
  WITH a, b, count(DISTINCT p) AS people
  CREATE (a)-[:TRAVELLED {people: people}]->(b)
  RETURN count(*) AS pairs
}
RETURN pairs
