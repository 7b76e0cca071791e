// Replace a user's password hash; `end_sessions` also ends the user's current sessions.
MATCH (u:User {username: $username})
SET u.password_hash = $password_hash,
    u.epoch = coalesce(u.epoch, 0) + CASE WHEN $end_sessions THEN 1 ELSE 0 END
RETURN u.username AS username
