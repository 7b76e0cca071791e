// Users survive a clear of the map, so a restore updates them instead of adding copies.
UNWIND $rows AS r
MERGE (n:User {username: r.props.username})
SET n = r.props, n:_Restoring, n._restore_eid = r.eid
