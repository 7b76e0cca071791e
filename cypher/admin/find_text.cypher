// Which of the given strings appear in any text property of any node (a privacy check:
// raw person identifiers must never be found).
MATCH (n)
UNWIND keys(n) AS k
WITH n[k] AS v
WITH CASE WHEN v IS :: STRING THEN [v] WHEN v IS :: LIST<STRING> THEN v ELSE [] END AS vs
UNWIND vs AS v
WITH v WHERE any(raw IN $values WHERE v CONTAINS raw)
RETURN collect(DISTINCT v) AS found
