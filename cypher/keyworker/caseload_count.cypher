// How many people have $owner as key worker (the caseload list shows at most a few hundred).
MATCH (p:Person {key_worker: $owner})
RETURN count(p) AS people
