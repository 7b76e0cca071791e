MATCH (a:AuditEntry)
RETURN count(a) AS n
