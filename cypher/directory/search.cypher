// Directory search over the fulltext index `directory_search`. $query is a Lucene query
// built (and escaped) by ecosystem.directory.lucene_query.
CALL db.index.fulltext.queryNodes('directory_search', $query) YIELD node, score
WITH node, score,
     [l IN labels(node) WHERE l IN ['Service', 'Provider', 'Commissioner', 'Cohort', 'Area']][0]
       AS label
WHERE label IS NOT NULL
RETURN toLower(label) AS kind, node.id AS id, node.name AS name,
       coalesce(node.kind, node.sector, node.level) AS detail, score
ORDER BY score DESC, name
LIMIT $limit
