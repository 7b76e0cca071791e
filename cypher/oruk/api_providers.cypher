// Every provider's id: the API works out which one an organisation id names.
MATCH (p:Provider)
RETURN p.id AS id
ORDER BY id
