// A new version of the map, in the transaction of the write that changes it (run first, so
// writers take this one lock in the same order and cannot deadlock on it).
MERGE (v:MapVersion {id: 'map'})
SET v.token = randomUUID()
RETURN v.token AS token
