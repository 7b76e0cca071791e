// The audit log is append-only: a restore brings back a backup's log only into a graph whose
// log is empty (a new install), and never edits or adds to a log already there.
UNWIND $rows AS r
CREATE (n:AuditEntry)
SET n = r.props, n:_Restoring, n._restore_eid = r.eid
