// Every node (but those with an excluded label) with its labels and properties: to compare
// two graphs exactly.
MATCH (n)
WHERE none(l IN labels(n) WHERE l IN $exclude)
RETURN labels(n) AS labels, properties(n) AS props
