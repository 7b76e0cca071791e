// The latest import (every import and edit is one, so it marks the map's latest change) and
// the commissioner's headlines kept on it, if they were worked out since: `key` says for which
// day and settings. No import: no row.
MATCH (i:Import)
WITH i ORDER BY i.started_at DESC LIMIT 1
RETURN i.id AS id, i.status AS status, i.headlines_key AS key, i.headlines AS headlines
