// People whose journey events were deleted by retention and whose journeys are not yet rebuilt.
MATCH (p:Person) WHERE p.retention_pending = true
RETURN p.id AS id ORDER BY id
