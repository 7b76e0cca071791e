// Each step of a pathway (a chain of services, $ids in order): declared wait and capacity,
// and from the ENGAGED_WITH summaries the waits (referral to start) of people who reached
// it from the previous step, and how many were referred from there but never started;
// `in_first` counts those who were still in the first step (e.g. on the ward) when they
// started this one, so their wait was spent there; `waiting`: for each person waiting at it on
// $today (referred, not started, not declined or found not eligible), the days since their
// referral; `first_referred`: the earliest referral, where the step's data starts.
OPTIONAL MATCH (first:Service {id: $ids[0]})
UNWIND range(0, size($ids) - 1) AS i
MATCH (s:Service {id: $ids[i]})
OPTIONAL MATCH (prev:Service {id: CASE WHEN i > 0 THEN $ids[i - 1] END})
CALL (s, prev, first) {
  OPTIONAL MATCH (p:Person)-[e:ENGAGED_WITH]->(s)
  WHERE prev IS NULL OR EXISTS { (p)-[:ENGAGED_WITH]->(prev) }
  OPTIONAL MATCH (p)-[f:ENGAGED_WITH]->(first)
  WHERE first <> s
  RETURN collect(e.wait_days) AS waits,
         count(CASE WHEN f.started IS NOT NULL AND e.started IS NOT NULL
                     AND f.started <= e.started
                     AND (f.ended IS NULL OR f.ended >= e.started) THEN 1 END) AS in_first,
         count(CASE WHEN e.started IS NOT NULL THEN 1 END) AS started,
         count(CASE WHEN e.referred IS NOT NULL AND e.started IS NULL THEN 1 END)
           AS not_started,
         collect(CASE WHEN e.referred IS NOT NULL AND e.referred <= $today
                       AND e.started IS NULL AND e.refused IS NULL
                      THEN duration.inDays(e.referred, $today).days END) AS waiting,
         min(e.referred) AS first_referred
}
RETURN i AS step, s.id AS id, s.name AS name, s.kind AS kind, s.status AS status,
       s.waiting_days AS waiting_days, s.capacity AS capacity, s.end_date AS end_date,
       EXISTS { (prev)-[:REFERS_TO]->(s) } AS linked, waits, started, not_started, in_first,
       waiting, first_referred
ORDER BY step
