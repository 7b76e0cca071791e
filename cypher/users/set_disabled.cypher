// Disable (or re-enable) a user; the epoch bump ends the user's current sessions.
MATCH (u:User {username: $username})
SET u.disabled = $disabled, u.epoch = coalesce(u.epoch, 0) + 1
RETURN u.username AS username
