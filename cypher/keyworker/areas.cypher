// The areas a client can live in, for the key worker's form, each with the area it is part
// of: in the order of choices/areas (widest first, then by name).
MATCH (a:Area)
OPTIONAL MATCH (a)-[:PART_OF]->(parent:Area)
RETURN a.id AS id, a.name AS name, a.level AS level, parent.name AS parent_name,
       CASE a.level WHEN 'icb' THEN 0 WHEN 'place' THEN 1 WHEN 'local_authority' THEN 2
                    WHEN 'neighbourhood' THEN 3 ELSE 4 END AS depth
ORDER BY depth, name, id
