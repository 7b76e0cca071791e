MATCH (i:Import {id: $id})
SET i.status = 'complete', i.finished_at = datetime()
WITH i
// An earlier interrupted import of the same source is completed by this one.
OPTIONAL MATCH (old:Import {source: $source, status: 'running'})
SET old.status = 'superseded'
RETURN i.id AS id
