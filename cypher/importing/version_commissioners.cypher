// An edit's version check, in the write's own transaction: abort (roll everything back) when
// the entry is gone or changed since the form was opened at $version. The entry is locked
// first (a SET takes the write lock), so two saves cannot both pass the check.
OPTIONAL MATCH (n:Commissioner {id: $key})
FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | SET n._edit_lock = true)
REMOVE n._edit_lock
RETURN n IS NULL OR coalesce(n.row_hash, '') <> $version AS abort
