// For each of $ids: the other services people could move to, active today ($today), not in
// $ids, sharing a life domain and a type of support with it, with a capacity above zero
// (their current contracts' capacity, else the service's own): their eligibility and the
// areas they reach (the areas they serve and every area within them); and the people
// currently engaged (started, not discharged) with it, as profiles with their area.
UNWIND $ids AS sid
MATCH (x:Service {id: sid})
CALL (x) {
  MATCH (x)-[:IN_DOMAIN]->(:Domain)<-[:IN_DOMAIN]-(c:Service)
  WHERE NOT c.id IN $ids AND c.status = 'active'
    AND (c.end_date IS NULL OR c.end_date >= $today)
    AND EXISTS { (x)-[:PROVIDES_TYPE]->(:SupportType)<-[:PROVIDES_TYPE]-(c) }
  WITH DISTINCT c
  WITH c, COLLECT { MATCH (:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(c)
                    WHERE k.start_date <= $today
                      AND (k.end_date IS NULL OR k.end_date >= $today)
                      AND k.capacity IS NOT NULL
                    RETURN k.capacity } AS caps
  WITH c, CASE WHEN caps = [] THEN c.capacity
               ELSE reduce(t = 0, v IN caps | t + v) END AS capacity
  WHERE capacity > 0
  RETURN collect(c {.id, .name, .waiting_days, .min_age, .max_age, .severity, .conditions,
                    .benefit_status, .housing_status, .in_work, .offending_history,
                    capacity: capacity,
                    reach: COLLECT { MATCH (c)-[:SERVES_AREA]->(:Area)<-[:PART_OF*0..5]-(y:Area)
                                     RETURN DISTINCT y.id }}) AS alternatives
}
RETURN x.id AS id, alternatives,
       COLLECT { MATCH (p:Person)-[e:ENGAGED_WITH]->(x)
                 WHERE e.started IS NOT NULL AND e.ended IS NULL
                 RETURN p {.age_band, .benefit_status, .housing_status, .in_work,
                           .offending_history, .severity, .conditions,
                           area_id: COLLECT { MATCH (p)-[:LIVES_IN]->(a:Area)
                                              RETURN a.id }[0]} } AS people
