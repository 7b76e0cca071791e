// One area, as keyworker/areas gives each, to name a client's area without listing them all.
MATCH (a:Area {id: $id})
OPTIONAL MATCH (a)-[:PART_OF]->(parent:Area)
RETURN a.id AS id, a.name AS name, a.level AS level, parent.name AS parent_name
LIMIT 1
