// Keep, per cohort and life domain, how many of its members have a recorded need there
// (`with_need`) and how many of those have started with no service in that domain
// (`no_contact`, from p.reached): the MEMBERS_NEED summary the orphans analysis's no-contact
// check reads instead of every member. Raw counts: suppression is applied when they are read.
// Whole area: run at the end of each write that changes people, memberships or journeys.
CALL () {
  MATCH (:Cohort)-[old:MEMBERS_NEED]->(:Domain)
  DELETE old
}
CALL () {
  MATCH (c:Cohort)<-[:MEMBER_OF]-(p:Person)-[:NEEDS]->(d:Domain)
  WITH c, d, count(*) AS with_need,
       sum(CASE WHEN d.id IN coalesce(p.reached, []) THEN 0 ELSE 1 END) AS no_contact
  CREATE (c)-[:MEMBERS_NEED {with_need: with_need, no_contact: no_contact}]->(d)
  RETURN count(*) AS pairs
}
RETURN pairs
