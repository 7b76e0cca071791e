// Keep the outcomes analysis's inputs ($rows, JSON) for the area $area ('' = everything) on
// the import $id they were worked out after, for $key (the day and format); only once it is
// complete. Another key's go; of the areas, the $max_areas latest worked out stay, so
// what a view of one reads stays bounded.
MATCH (i:Import {id: $id})
WHERE i.status = 'complete'
WITH i, coalesce(i.outcomes_key = $key, false) AS same
WITH i, same,
     CASE WHEN same THEN coalesce(i.outcomes_areas, []) ELSE [] END AS areas,
     CASE WHEN same THEN coalesce(i.outcomes_rows, []) ELSE [] END AS rows
WITH i, same, areas, rows,
     [n IN range(0, size(areas) - 1) WHERE areas[n] <> $area] AS others
WITH i, same, areas, rows,
     CASE WHEN $area = '' THEN others
          ELSE others[CASE WHEN size(others) < $max_areas THEN 0
                           ELSE size(others) - $max_areas + 1 END..] END AS kept
SET i.outcomes_key = $key,
    i.outcomes_all = CASE WHEN $area = '' THEN $rows WHEN same THEN i.outcomes_all END,
    i.outcomes_areas = [n IN kept | areas[n]] + CASE WHEN $area = '' THEN [] ELSE [$area] END,
    i.outcomes_rows = [n IN kept | rows[n]] + CASE WHEN $area = '' THEN [] ELSE [$rows] END
RETURN i.id AS id
