// Our id and feed id of every published service (as api_services chooses them), ordered by
// our id: the API finds the one a published id names without reading every record.
MATCH (s:Service)
WHERE coalesce(s.in_feed, true)
  AND (CASE WHEN s.status IS NULL OR s.status = '' THEN 'active' ELSE s.status END)
      IN $statuses
RETURN s.id AS id, s.source_id AS source_id
ORDER BY id
