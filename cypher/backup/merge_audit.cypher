// The audit log is append-only and survives a clear: a restore adds only the entries the
// log does not already hold.
UNWIND $rows AS r
MERGE (n:AuditEntry {at: r.props.at, username: r.props.username, action: r.props.action,
                     target: coalesce(r.props.target, ''), detail: coalesce(r.props.detail, '')})
SET n = r.props, n:_Restoring, n._restore_eid = r.eid
