// Keep the outcomes analysis's inputs ($rows, JSON) for the area $area on the import $id they
// were worked out after, for $key (the day and format); only once it is complete. The rows of
// other areas for the same key stay; another key's go.
MATCH (i:Import {id: $id})
WHERE i.status = 'complete'
WITH i, CASE WHEN i.outcomes_key = $key THEN coalesce(i.outcomes_areas, []) ELSE [] END AS areas,
     CASE WHEN i.outcomes_key = $key THEN coalesce(i.outcomes_rows, []) ELSE [] END AS rows
WITH i, areas, rows, [n IN range(0, size(areas) - 1) WHERE areas[n] <> $area] AS others
SET i.outcomes_key = $key,
    i.outcomes_areas = [n IN others | areas[n]] + $area,
    i.outcomes_rows = [n IN others | rows[n]] + $rows
RETURN i.id AS id
