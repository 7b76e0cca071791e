// A user's second factor: the TOTP secret, the hashes of unused recovery codes, and the last
// time step a code was accepted for (a code is never accepted twice). Never shown.
MATCH (u:User {username: $username})
RETURN u.totp_secret AS secret, coalesce(u.recovery_codes, []) AS recovery_codes,
       coalesce(u.totp_last_step, -1) AS last_step
