// First half of clearing the map: every relationship of the map's nodes, in batches, so a
// node with hundreds of thousands of relationships (a life domain, a busy service) never
// lands in one transaction. Users and the audit log have none and are kept.
MATCH (n)-[r]->()
WHERE NOT (n:User OR n:AuditEntry)
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
