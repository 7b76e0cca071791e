// The versions of one catalogue entry, newest first.
MATCH (c:Change {entity_kind: $kind, entity_id: $id})
RETURN c.at AS at, c.by AS by, c.source AS source, c.note AS note, c.action AS action,
       c.fields_json AS fields_json
ORDER BY c.at DESC, c.id DESC
LIMIT $limit
