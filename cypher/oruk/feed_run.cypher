// A feed's record: where it was read from and when its last good run started, so the next
// scheduled run can ask only for what changed since (`import-oruk --since last`).
MERGE (f:Feed {name: $feed})
SET f.source = $source, f.last_run = $run_at,
    f.last_complete_run = CASE WHEN $complete THEN $run_at ELSE f.last_complete_run END,
    f.services = $services
RETURN f.name AS name
