// An edit's version check, in the write's own transaction: abort (roll everything back) when
// the route ("from|to" in $key) is gone or changed since the form was opened at $version.
// The route is locked first (a SET takes the write lock), so two saves cannot both pass.
WITH split($key, '|') AS pair
OPTIONAL MATCH (:Service {id: pair[0]})-[r:REFERS_TO]->(:Service {id: pair[1]})
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | SET r._edit_lock = true)
REMOVE r._edit_lock
RETURN r IS NULL OR coalesce(r.row_hash, '') <> $version AS abort
