// Take these people's part out of MEMBERS_NEED ($sign = -1, before a write changes them) or
// put it back in ($sign = 1, after), so an import's cost follows its own people, not the
// area (refresh_cohort_needs works the whole area out again). $ids: distinct person ids.
// A pair left with no member with the need is removed, as a refresh would not make it.
// Each person found by id first and their cohorts and needs read from them (CALL (p)):
// planned while the map was small, Neo4j could start from the cohorts and seek every id for
// each (an L import of 50,000 people ran for over 20 minutes; with an index hint, over 9).
CALL () {
  UNWIND $ids AS pid
  MATCH (p:Person {id: pid})
  USING INDEX p:Person(id)
  CALL (p) {
    MATCH (c:Cohort)<-[:MEMBER_OF]-(p)-[:NEEDS]->(d:Domain)
    RETURN c, d, CASE WHEN d.id IN coalesce(p.reached, []) THEN 0 ELSE 1 END AS missed
  }
  WITH c, d, count(*) AS with_need, sum(missed) AS no_contact
  MERGE (c)-[m:MEMBERS_NEED]->(d)
  SET m.with_need = coalesce(m.with_need, 0) + $sign * with_need,
      m.no_contact = coalesce(m.no_contact, 0) + $sign * no_contact
  WITH m WHERE m.with_need <= 0
  DELETE m
}
RETURN 1 AS done
