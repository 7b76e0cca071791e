// Every area, for the commissioner's forms: the widest first (ICB, place, local authority,
// neighbourhood), then by name.
MATCH (a:Area)
RETURN a.id AS id, a.name AS name, a.level AS level,
       CASE a.level WHEN 'icb' THEN 0 WHEN 'place' THEN 1 WHEN 'local_authority' THEN 2
                    ELSE 3 END AS depth
ORDER BY depth, name, id
