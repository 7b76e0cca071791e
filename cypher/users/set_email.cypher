// A user's email address (null removes it); where stewardship reminders are sent.
MATCH (u:User {username: $username})
SET u.email = $email
RETURN u.username AS username
