// How many enabled admins there are (the last one cannot be disabled or demoted).
MATCH (u:User {role: 'admin'})
WHERE NOT coalesce(u.disabled, false)
RETURN count(u) AS n
