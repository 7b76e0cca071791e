// How many people have a key worker (an admin's caseload list shows at most a few hundred).
MATCH (p:Person)
WHERE p.key_worker IS NOT NULL
RETURN count(p) AS people
