// The sign-in counters for these keys (HMACs, never names or addresses), made if missing
// and write-locked until the transaction ends: check and reserve are one step.
UNWIND $ids AS id
MERGE (t:SignInThrottle {id: id})
SET t.touched = $now
RETURN t.id AS id, coalesce(t.fails, []) AS fails, t.logged_at AS logged_at,
       coalesce(t.unlogged, 0) AS unlogged
