// People currently engaged (started, not discharged) with any of $ids, per service.
UNWIND $ids AS sid
MATCH (s:Service {id: sid})
RETURN s.id AS id, s.name AS name,
       COUNT { MATCH (:Person)-[e:ENGAGED_WITH]->(s)
               WHERE e.started IS NOT NULL AND e.ended IS NULL } AS people
