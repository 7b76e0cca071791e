// Outcomes per group of services: each service ('service:<id>'), each model of support
// ('model:<id>') and each life domain ('domain:<id>'), over the services serving $area_id
// (or an area within it / it is part of; null = everything). A person counts once in a
// group: `started` = people who started with a service of the group on or before $today;
// `reached` = of them, those with an outcome event at a service of the group dated on or
// before $today whose code is not in vocabulary.OUTCOMES_NOT_REACHED; `days` = for each of those, days from
// their first start in the group to their first such outcome; `in_year` = those whose first
// such outcome is dated after $year_ago (the twelve months to $today).
MATCH (s:Service)
WHERE $area_id IS NULL OR EXISTS {
    MATCH (s)-[:SERVES_AREA]->(a:Area), (home:Area {id: $area_id})
    WHERE a = home OR EXISTS { (home)-[:PART_OF*1..5]->(a) } OR EXISTS { (a)-[:PART_OF*1..5]->(home) }
  }
CALL (s) {
  MATCH (p:Person)-[e:ENGAGED_WITH]->(s)
  WHERE e.started IS NOT NULL AND e.started <= $today
  // `reached_on`: the first outcome reached since the start, kept with the journey (the
  // journey rebuild and ecosystem/importers/journeys.py); after $today it is not reached yet.
  RETURN p, e.started AS began,
         CASE WHEN e.reached_on <= $today THEN e.reached_on END AS reached
}
WITH s, p, began, reached,
     ['service:' + s.id]
     + COLLECT { MATCH (s)-[:FOLLOWS_MODEL]->(m:Model) RETURN 'model:' + m.id }
     + COLLECT { MATCH (s)-[:IN_DOMAIN]->(d:Domain) RETURN 'domain:' + d.id } AS groups
UNWIND groups AS grp
WITH grp, p, min(began) AS began, min(reached) AS reached
RETURN grp, count(p) AS started, count(reached) AS reached,
       collect(CASE WHEN reached IS NOT NULL
               THEN duration.inDays(began, reached).days END) AS days,
       count(CASE WHEN reached > $year_ago THEN 1 END) AS in_year,
       min(began) AS first_start, max(reached) AS last_outcome
ORDER BY grp
