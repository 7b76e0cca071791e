// The services list: every service passing the filters (each null for "any"), with its
// provider, who pays, capacity, wait, status and when its details were last checked.
// $stale: true, those last checked before $stale_before or never; false, the others.
// One page of them, by name: $skip rows on, $limit rows ($limit null: every row, for the
// downloads); each row carries the whole list's `total` (one row with a null id when the
// page is empty, so the total still arrives).
// $area: services serving that area, an area within it, or an area it is part of (a service
// for the whole ICB counts for every place in it).
MATCH (s:Service)
WHERE ($area IS NULL
       OR EXISTS { MATCH (s)-[:SERVES_AREA]->(a:Area), (x:Area {id: $area})
                   WHERE EXISTS { (a)-[:PART_OF*0..]->(x) } OR EXISTS { (x)-[:PART_OF*1..]->(a) } })
  AND ($domain IS NULL OR EXISTS { MATCH (s)-[:IN_DOMAIN]->(:Domain {id: $domain}) })
  AND ($source IS NULL OR EXISTS { MATCH (s)-[:USES_SOURCE]->(:Source {id: $source}) })
  AND ($support_type IS NULL
       OR EXISTS { MATCH (s)-[:PROVIDES_TYPE]->(:SupportType {id: $support_type}) })
  AND ($kind IS NULL OR s.kind = $kind)
  AND ($status IS NULL OR s.status = $status)
  AND ($self_referral IS NULL OR coalesce(s.self_referral, false) = $self_referral)
  AND ($provider IS NULL OR EXISTS { MATCH (:Provider {id: $provider})-[:PROVIDES]->(s) })
  AND ($commissioner IS NULL
       OR EXISTS { MATCH (:Commissioner {id: $commissioner})-[:FUNDS]->(:Contract)
                         -[:FOR_SERVICE]->(s) })
  AND ($ids IS NULL OR s.id IN $ids)
  AND ($stale IS NULL
       OR (s.last_verified IS NULL OR s.last_verified < $stale_before) = $stale)
WITH s ORDER BY s.name, s.id
WITH collect(s) AS matched
WITH size(matched) AS total,
     CASE WHEN $limit IS NULL THEN matched[$skip..] ELSE matched[$skip..$skip + $limit] END
       AS shown
UNWIND CASE WHEN shown = [] THEN [null] ELSE shown END AS s
RETURN total, s.id AS id, s.name AS name, s.kind AS kind, s.status AS status,
       s.capacity AS capacity, s.waiting_days AS waiting_days,
       coalesce(s.self_referral, false) AS self_referral, s.last_verified AS last_verified,
       COLLECT { MATCH (p:Provider)-[:PROVIDES]->(s) RETURN [p.id, p.name] ORDER BY p.name }
         AS providers,
       COLLECT { MATCH (c:Commissioner)-[:FUNDS]->(:Contract)-[:FOR_SERVICE]->(s)
                 WITH DISTINCT c RETURN [c.id, c.name] ORDER BY c.name } AS payers,
       // A domain only suggested from a feed service's words says so (oruk/suggest).
       COLLECT { MATCH (s)-[l:IN_DOMAIN]->(d:Domain)
                 RETURN d.name + CASE WHEN l.suggested THEN ' (suggested)' ELSE '' END
                 ORDER BY d.order } AS domains
ORDER BY s.name, s.id
