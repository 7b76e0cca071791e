// The providers a provider editor keeps the entries of (the whole list, replaced).
MATCH (u:User {username: $username})
SET u.providers = $providers
RETURN u.username AS username
