// The services a commissioner pays for through current contracts, and whether anyone
// else pays for them too.
MATCH (c:Commissioner {id: $commissioner_id})-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s:Service)
WHERE k.start_date <= $today AND (k.end_date IS NULL OR k.end_date >= $today)
RETURN s.id AS id, s.name AS name, sum(k.annual_value) AS value,
       EXISTS { MATCH (o:Commissioner)-[:FUNDS]->(k2:Contract)-[:FOR_SERVICE]->(s)
                WHERE o <> c AND k2.start_date <= $today
                  AND (k2.end_date IS NULL OR k2.end_date >= $today) } AS co_funded
