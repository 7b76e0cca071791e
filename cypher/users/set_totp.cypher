// Turn a user's second factor on (a secret and recovery code hashes) or off (nulls).
MATCH (u:User {username: $username})
SET u.totp_secret = $secret, u.recovery_codes = $recovery_codes, u.totp_last_step = -1
RETURN u.username AS username
