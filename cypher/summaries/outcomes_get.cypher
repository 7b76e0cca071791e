// The latest import (every import and edit is one, so it marks the map's latest change) and
// the outcomes analysis's inputs kept on it for the area $area ('' = everything), if they were
// worked out since for $key (the day and the rows' format). No import: no row. The whole
// area's are a property of their own, so its view does not read every area's.
MATCH (i:Import)
WITH i ORDER BY i.started_at DESC LIMIT 1
RETURN i.id AS id, i.status AS status,
       CASE WHEN coalesce(i.outcomes_key, '') <> $key THEN null
            WHEN $area = '' THEN i.outcomes_all
            ELSE [n IN range(0, size(coalesce(i.outcomes_areas, [])) - 1)
                  WHERE i.outcomes_areas[n] = $area | i.outcomes_rows[n]][0] END AS rows
