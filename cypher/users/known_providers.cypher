// Which of these provider ids exist.
UNWIND $ids AS id
OPTIONAL MATCH (p:Provider {id: id})
RETURN id, p IS NOT NULL AS known
