// Users, the audit log and admin switches: a bulk first load replaces the database, and
// carries these over (sign-in counters and unfinished key worker answers are not kept).
MATCH (n) WHERE n:User OR n:AuditEntry OR n:AppSetting
RETURN labels(n) AS labels, properties(n) AS props
