// The key worker of one pseudonymised person, for the caseload check (null if no such person).
OPTIONAL MATCH (p:Person {id: $person_id})
RETURN p IS NOT NULL AS found, p.key_worker AS key_worker
