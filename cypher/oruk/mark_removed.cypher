// Services of a feed that a complete re-import no longer lists: marked, never deleted.
// $provider limits the scope to one organisation's services (an organization_full import).
MATCH (s:Service {source: $feed})
WHERE NOT s.id IN $seen AND coalesce(s.in_feed, true)
  AND ($provider IS NULL OR EXISTS { (:Provider {id: $provider})-[:PROVIDES]->(s) })
SET s.in_feed = false, s.removed_from_feed_on = $today
RETURN collect(s.id) AS removed
