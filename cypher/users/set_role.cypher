// Change a user's role; the epoch bump ends the user's current sessions.
MATCH (u:User {username: $username})
SET u.role = $role, u.epoch = coalesce(u.epoch, 0) + 1
RETURN u.username AS username
