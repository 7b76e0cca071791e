// The map's version: a new token after every write that changes the map (ecosystem/db/
// version.py), so results kept in a process (ecosystem/kept.py) know when they are stale.
// No row: nothing has written since the database was made.
MATCH (v:MapVersion {id: 'map'})
RETURN v.token AS token
