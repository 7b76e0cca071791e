// Record the time step of an accepted code, only if it is later than the last one: a code
// that was already used (or raced by another request) is refused.
MATCH (u:User {username: $username})
WHERE coalesce(u.totp_last_step, -1) < $step
SET u.totp_last_step = $step
RETURN u.username AS username
