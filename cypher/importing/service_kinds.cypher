// The life domains and types of support of these services, as the map has them now.
UNWIND $ids AS id
MATCH (s:Service {id: id})
RETURN s.id AS id,
       COLLECT { MATCH (s)-[:IN_DOMAIN]->(d:Domain) RETURN d.id } AS domains,
       COLLECT { MATCH (s)-[:PROVIDES_TYPE]->(t:SupportType) RETURN t.id } AS types
