// Spend one recovery code (by its hash): it works once.
MATCH (u:User {username: $username})
WHERE $code_hash IN coalesce(u.recovery_codes, [])
SET u.recovery_codes = [c IN u.recovery_codes WHERE c <> $code_hash]
RETURN u.username AS username
