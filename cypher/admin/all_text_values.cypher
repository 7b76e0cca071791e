// Every string property value in the graph (for the pseudonymisation check).
MATCH (n)
UNWIND keys(n) AS k
WITH n[k] AS v
WITH CASE WHEN v IS :: STRING THEN [v] WHEN v IS :: LIST<STRING> THEN v ELSE [] END AS vs
UNWIND vs AS v
RETURN collect(DISTINCT v) AS values
