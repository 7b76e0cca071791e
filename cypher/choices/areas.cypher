// Every area, for the commissioner's forms: widest first (ICB, place, local authority,
// neighbourhood: the order of ecosystem.vocabulary.AREA_LEVELS), then by name. Every list of
// areas is in this order (keyworker/areas, directory/map_filter_options).
MATCH (a:Area)
RETURN a.id AS id, a.name AS name, a.level AS level,
       CASE a.level WHEN 'icb' THEN 0 WHEN 'place' THEN 1 WHEN 'local_authority' THEN 2
                    WHEN 'neighbourhood' THEN 3 ELSE 4 END AS depth
ORDER BY depth, name, id
