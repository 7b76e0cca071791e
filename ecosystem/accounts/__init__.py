"""Who may use the tool (users, roles, passwords) and what they did (the audit log)."""
