// Proposals with a status, oldest first (the order an admin works through them).
MATCH (p:Proposal {status: $status})
RETURN p.id AS id, p.table AS table, p.key AS key, p.creating AS creating,
       p.cells_json AS cells_json, p.version AS version, p.fields_json AS fields_json,
       p.by AS by, p.at AS at, p.status AS status, p.decided_by AS decided_by,
       p.reason AS reason
ORDER BY p.at, p.id
LIMIT 500
