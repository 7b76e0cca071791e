// The audit log is append-only: this CREATE is the only query that writes AuditEntry nodes.
CREATE (a:AuditEntry {at: datetime(), username: $username, action: $action,
                      target: $target, detail: $detail})
RETURN a.at AS at
