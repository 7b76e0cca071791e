// One version of catalogue entries: who changed them, when, from where, and each field's
// before and after (as JSON text). Append-only, like the audit log.
UNWIND $changes AS c
CREATE (:Change {id: c.id, at: datetime(), by: c.by, source: c.source, note: c.note,
                 entity_kind: c.entity_kind, entity_id: c.entity_id, action: c.action,
                 fields_json: c.fields_json})
RETURN count(*) AS changes
