// Take these people's part out of TRAVELLED ($sign = -1, before a write changes them) or
// put it back in ($sign = 1, after): each person counts once per pair they were referred
// (or admitted) along, as in refresh_travelled. $ids: distinct person ids.
// Each person found by id first, then what is theirs (as in people_cohort_needs).
CALL () {
  UNWIND $ids AS pid
  MATCH (p:Person {id: pid})
  USING INDEX p:Person(id)
  CALL (p) {
    MATCH (p)-[:HAD]->(e:Event)-[:REFERRED_FROM]->(a:Service)
    WHERE e.type IN ['referral', 'admission']
    MATCH (e)-[:AT]->(b:Service)
    WHERE a <> b
    RETURN DISTINCT a, b
  }
  WITH a, b, count(*) AS people
  MERGE (a)-[t:TRAVELLED]->(b)
  SET t.people = coalesce(t.people, 0) + $sign * people
  WITH t WHERE t.people <= 0
  DELETE t
}
RETURN 1 AS done
