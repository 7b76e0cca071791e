// Every provider as a providers.csv row.
MATCH (n:Provider)
RETURN properties(n) AS props, {} AS links
ORDER BY n.id
