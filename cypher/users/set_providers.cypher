// The providers a provider editor keeps the entries of (the whole list, replaced).
MATCH (u:User {username: $username})
SET u.providers = CASE WHEN size($providers) = 0 THEN null ELSE $providers END
RETURN u.username AS username
