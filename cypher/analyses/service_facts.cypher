// Facts about services by id: eligibility, areas, cohorts, types of support, commissioners
// and current spend;
// `later`: contracts starting after $today (renewals).
UNWIND $ids AS sid
MATCH (s:Service {id: sid})
RETURN s {.id, .name, .kind, .status, .end_date, .capacity, .waiting_days, .unit_cost,
          .min_age, .max_age, .severity, .conditions, .benefit_status, .housing_status,
          .in_work, .offending_history} AS service,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN a.id } AS areas,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(a:Area) RETURN coalesce(a.name, a.id) } AS area_names,
       COLLECT { MATCH (s)-[:SERVES_AREA]->(:Area)-[:PART_OF*0..5]->(x:Area)
                 RETURN DISTINCT x.id } AS reach,
       COLLECT { MATCH (s)-[:FOR_COHORT]->(c:Cohort) RETURN c.id } AS cohorts,
       COLLECT { MATCH (s)-[:PROVIDES_TYPE]->(t:SupportType) RETURN t.id } AS types,
       COLLECT { MATCH (p:Provider)-[:PROVIDES]->(s) RETURN p.name }[0] AS provider,
       COLLECT { MATCH (c:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s)
                 WHERE k.start_date <= $today AND (k.end_date IS NULL OR k.end_date >= $today)
                 RETURN {commissioner_id: c.id, commissioner: c.name, contract_id: k.id,
                         value: k.annual_value, capacity: k.capacity,
                         end_date: k.end_date} } AS contracts,
       COLLECT { MATCH (:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s)
                 WHERE k.start_date > $today
                 RETURN {start_date: k.start_date, end_date: k.end_date} } AS later
