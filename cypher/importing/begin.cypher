// Mark an import as started; `finish` marks it complete. One left running means an import
// was interrupted: running it again completes it (every write is an idempotent MERGE).
CREATE (i:Import {id: $id, source: $source, rows: $rows, started_at: datetime(),
                  status: 'running'})
RETURN i.id AS id
