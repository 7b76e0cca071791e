// Second half of clearing the map: the nodes, now without relationships, in batches. The
// schema stays, and so do the users, the admins' switches and the append-only audit log:
// clearing or reloading the map never erases them.
MATCH (n) WHERE NOT (n:User OR n:AuditEntry OR n:AppSetting)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
