// People engaged with any of these services (whose doubling up changes with their kinds).
UNWIND $ids AS id
MATCH (:Service {id: id})<-[:ENGAGED_WITH]-(p:Person)
RETURN collect(DISTINCT p.id) AS ids
