// Services for a search: $groups holds one Lucene query per word the user typed (the word
// and its synonyms, built and escaped by ecosystem.directory.pages.lucene_groups). A service
// matches a word through itself or, with less weight, through its provider, life domain,
// model, cohort, payer or the places it serves; it must match every word. Its score is the
// sum of each word's best match.
UNWIND range(0, size($groups) - 1) AS i
CALL db.index.fulltext.queryNodes('directory_text', $groups[i]) YIELD node, score
CALL (node, score) {
  WITH node AS s, score WHERE s:Service
  RETURN s, score AS weight
  UNION ALL
  MATCH (node:Provider)-[:PROVIDES]->(s:Service) RETURN s, score * 0.5 AS weight
  UNION ALL
  MATCH (s:Service)-[:IN_DOMAIN]->(node:Domain) RETURN s, score * 0.5 AS weight
  UNION ALL
  MATCH (s:Service)-[:FOLLOWS_MODEL]->(node:Model) RETURN s, score * 0.6 AS weight
  UNION ALL
  MATCH (s:Service)-[:FOR_COHORT]->(node:Cohort) RETURN s, score * 0.4 AS weight
  UNION ALL
  MATCH (node:Commissioner)-[:FUNDS]->(:Contract)-[:FOR_SERVICE]->(s:Service)
  RETURN s, score * 0.3 AS weight
  UNION ALL
  // From the matched place outwards (the areas within it, and those it is part of): it was
  // every area in the map tried against each matched node, 18 million reads at XL.
  WITH node WHERE node:Area
  MATCH (node)<-[:PART_OF*0..]-(:Area)<-[:SERVES_AREA]-(s:Service)
  RETURN s, score * 0.3 AS weight
  UNION ALL
  WITH node WHERE node:Area
  MATCH (node)-[:PART_OF*1..]->(:Area)<-[:SERVES_AREA]-(s:Service)
  RETURN s, score * 0.3 AS weight
}
WITH i, s, max(weight) AS best
WITH s, count(i) AS matched, sum(best) AS score
WHERE matched = size($groups)
  AND ($area IS NULL
       OR EXISTS { MATCH (s)-[:SERVES_AREA]->(a:Area), (x:Area {id: $area})
                   WHERE EXISTS { (a)-[:PART_OF*0..]->(x) } OR EXISTS { (x)-[:PART_OF*1..]->(a) } })
  AND ($domain IS NULL OR EXISTS { MATCH (s)-[:IN_DOMAIN]->(:Domain {id: $domain}) })
  AND ($status IS NULL OR s.status = $status)
  AND ($self_referral IS NULL OR coalesce(s.self_referral, false) = $self_referral)
// Ranked and cut before the providers are read: a word can match thousands of services.
WITH s, score
ORDER BY score DESC, s.name, s.id
LIMIT $limit
RETURN 'service' AS kind, s.id AS id, s.name AS name, s.kind AS detail, score,
       COLLECT { MATCH (p:Provider)-[:PROVIDES]->(s) RETURN p.name ORDER BY p.name }
         AS providers
