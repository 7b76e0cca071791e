// Every node as (labels, key, properties): to compare two graphs exactly.
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
