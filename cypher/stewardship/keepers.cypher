// The enabled provider editors with an email address who keep any of $providers.
MATCH (u:User {role: 'provider_editor'})
WHERE u.email IS NOT NULL AND NOT coalesce(u.disabled, false)
  AND any(p IN coalesce(u.providers, []) WHERE p IN $providers)
RETURN u.username AS username, u.email AS email ORDER BY u.username
