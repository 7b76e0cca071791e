// One user by name (with the hash, for sign-in; never shown).
MATCH (u:User {username: $username})
RETURN u.username AS username, u.role AS role, u.password_hash AS password_hash,
       coalesce(u.disabled, false) AS disabled, coalesce(u.epoch, 0) AS epoch,
       u.totp_secret IS NOT NULL AS two_factor, u.email AS email,
       coalesce(u.providers, []) AS providers
