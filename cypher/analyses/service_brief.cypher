// Names and access of a few services by id.
UNWIND $ids AS sid
MATCH (s:Service {id: sid})
RETURN s.id AS id, s.name AS name, s.kind AS kind, s.status AS status,
       s.self_referral AS self_referral
