// Sign out: every session issued before this point stops working.
MATCH (u:User {username: $username})
SET u.epoch = coalesce(u.epoch, 0) + 1
RETURN u.username AS username
