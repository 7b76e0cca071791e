// Providers as rows of the import's providers table.
UNWIND $ids AS id
MATCH (n:Provider {id: id})
RETURN n.id AS key, n.row_hash AS version, properties(n) AS props, {} AS links
