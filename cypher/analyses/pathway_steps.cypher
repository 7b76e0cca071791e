// Each step of a pathway (a chain of services, $ids in order): declared wait and capacity,
// and from the ENGAGED_WITH summaries the waits (referral to start) of people who reached
// it from the previous step, and how many were referred from there but never started.
UNWIND range(0, size($ids) - 1) AS i
MATCH (s:Service {id: $ids[i]})
OPTIONAL MATCH (prev:Service {id: CASE WHEN i > 0 THEN $ids[i - 1] END})
CALL (s, prev) {
  OPTIONAL MATCH (p:Person)-[e:ENGAGED_WITH]->(s)
  WHERE prev IS NULL OR EXISTS { (p)-[:ENGAGED_WITH]->(prev) }
  RETURN collect(e.wait_days) AS waits,
         count(CASE WHEN e.started IS NOT NULL THEN 1 END) AS started,
         count(CASE WHEN e.referred IS NOT NULL AND e.started IS NULL THEN 1 END)
           AS not_started
}
RETURN i AS step, s.id AS id, s.name AS name, s.kind AS kind, s.status AS status,
       s.waiting_days AS waiting_days, s.capacity AS capacity, s.end_date AS end_date,
       EXISTS { (prev)-[:REFERS_TO]->(s) } AS linked, waits, started, not_started
ORDER BY step
