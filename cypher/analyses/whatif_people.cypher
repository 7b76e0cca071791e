// People currently engaged (started, not discharged) with any of $ids, per service, and the
// annual value of the service's current contracts ($today; null with none).
UNWIND $ids AS sid
MATCH (s:Service {id: sid})
RETURN s.id AS id, s.name AS name,
       COUNT { MATCH (:Person)-[e:ENGAGED_WITH]->(s)
               WHERE e.started IS NOT NULL AND e.ended IS NULL } AS people,
       COLLECT { MATCH (:Commissioner)-[:FUNDS]->(k:Contract)-[:FOR_SERVICE]->(s)
                 WHERE k.start_date <= $today AND (k.end_date IS NULL OR k.end_date >= $today)
                   AND k.annual_value IS NOT NULL
                 RETURN k.annual_value } AS values
