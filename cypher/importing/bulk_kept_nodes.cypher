// Users and the audit log: a bulk first load replaces the database, and carries these over.
MATCH (n) WHERE n:User OR n:AuditEntry
RETURN labels(n) AS labels, properties(n) AS props
