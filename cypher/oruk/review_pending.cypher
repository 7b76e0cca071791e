// The review queue: services with a life domain or type of support only suggested from their
// own words (see oruk/mark_suggested), with every domain and type they have, by name. The
// suggested links are sought in their indexes (schema/constraints): the queue's reads follow
// what is queued, not the number of services.
CALL () {
  MATCH (s:Service)-[l:IN_DOMAIN]->(:Domain) WHERE l.suggested = true RETURN s
  UNION
  MATCH (s:Service)-[l:PROVIDES_TYPE]->(:SupportType) WHERE l.suggested = true RETURN s
}
WITH s WHERE coalesce(s.in_feed, true)
OPTIONAL MATCH (p:Provider)-[:PROVIDES]->(s)
WITH s, p
ORDER BY toLower(s.name), s.id
RETURN s.id AS id, s.name AS name, s.description AS description, s.source AS feed,
       p.name AS provider,
       [(s)-[l:IN_DOMAIN]->(d:Domain) | {id: d.id, name: d.name,
                                        suggested: coalesce(l.suggested, false)}] AS domains,
       [(s)-[l:PROVIDES_TYPE]->(t:SupportType) | {id: t.id, name: t.name,
                                                  suggested: coalesce(l.suggested, false)}]
         AS types
LIMIT $limit
