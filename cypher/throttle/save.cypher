// Write back the counters read (and locked) by throttle/lock.
UNWIND $rows AS r
MATCH (t:SignInThrottle {id: r.id})
SET t.fails = r.fails, t.logged_at = r.logged_at, t.unlogged = r.unlogged, t.touched = $now
