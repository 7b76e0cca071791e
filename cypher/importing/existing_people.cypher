// Which of these pseudonymised people are already in the graph.
UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN collect(p.id) AS ids
