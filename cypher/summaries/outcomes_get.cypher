// The latest import (every import and edit is one, so it marks the map's latest change) and
// the outcomes analysis's inputs kept on it for the area $area ('' = everything), if they were
// worked out since for $key (the day and the rows' format). No import: no row.
MATCH (i:Import)
WITH i ORDER BY i.started_at DESC LIMIT 1
WITH i, CASE WHEN i.outcomes_key = $key THEN coalesce(i.outcomes_areas, []) ELSE [] END AS areas
RETURN i.id AS id, i.status AS status,
       [n IN range(0, size(areas) - 1) WHERE areas[n] = $area | i.outcomes_rows[n]][0] AS rows
