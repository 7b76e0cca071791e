MATCH (i:Import {status: 'running'})
RETURN i.id AS id, i.source AS source, i.rows AS rows, i.started_at AS started_at
ORDER BY i.started_at
