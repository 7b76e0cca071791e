// Users survive a clear of the map. A restore adds the users the backup has and the graph
// lacks; it never changes an existing account (an old backup must not re-enable a disabled
// user or bring back an old role or password).
UNWIND $rows AS r
MERGE (n:User {username: r.props.username})
ON CREATE SET n = r.props
SET n:_Restoring, n._restore_eid = r.eid
