// The enabled admins with an email address.
MATCH (u:User {role: 'admin'})
WHERE u.email IS NOT NULL AND NOT coalesce(u.disabled, false)
RETURN u.username AS username, u.email AS email ORDER BY u.username
