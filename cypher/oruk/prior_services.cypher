// What the map already holds for a feed's services, so a shallow record (a /services list
// item) updates only the fields it carries and never replaces detail with absence.
UNWIND $ids AS id
MATCH (s:Service {id: id})
OPTIONAL MATCH (p:Provider)-[:PROVIDES]->(s)
RETURN s.id AS id, s {.*} AS props, p.id AS provider_id,
       [(s)-[:SERVES_AREA]->(a:Area) | a.id] AS areas,
       [(s)-[:IN_DOMAIN]->(d:Domain) | d.id] AS domains,
       [(s)-[:PROVIDES_TYPE]->(t:SupportType) | t.id] AS types,
       [(s)-[:USES_SOURCE]->(x:Source) | x.id] AS sources,
       [(s)-[r:IN_DOMAIN]->(d:Domain) WHERE r.suggested | d.id] AS suggested_domains,
       [(s)-[r:PROVIDES_TYPE]->(t:SupportType) WHERE r.suggested | t.id] AS suggested_types
