// Providers, commissioners, cohorts and areas matching every word of a search ($query: the
// groups of ecosystem.directory.pages.lucene_groups joined with AND).
CALL db.index.fulltext.queryNodes('directory_text', $query) YIELD node, score
WITH node, score,
     [l IN labels(node) WHERE l IN ['Provider', 'Commissioner', 'Cohort', 'Area']][0] AS label
WHERE label IS NOT NULL
RETURN toLower(label) AS kind, node.id AS id, node.name AS name,
       coalesce(node.sector, node.kind, node.level) AS detail, score, [] AS providers
ORDER BY score DESC, name
LIMIT $limit
