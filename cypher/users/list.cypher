// Every user, by name; no password hashes.
MATCH (u:User)
RETURN u.username AS username, u.role AS role, coalesce(u.disabled, false) AS disabled,
       u.created_at AS created_at, u.totp_secret IS NOT NULL AS two_factor,
       u.email AS email, coalesce(u.providers, []) AS providers
ORDER BY u.username
