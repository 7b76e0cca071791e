// Audit entries since a point in time (null: all), newest first.
MATCH (a:AuditEntry)
WHERE $since IS NULL OR a.at >= $since
RETURN a.at AS at, a.username AS username, a.action AS action, a.target AS target,
       a.detail AS detail
ORDER BY a.at DESC
LIMIT $limit
