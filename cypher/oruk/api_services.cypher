// One page of the ORUK API's services (ecosystem/oruk/api.py): the published services
// (still in their feed, with a status in $statuses, none given counting as active), with the
// filters that read the service as stored: every word of $words (lower case) in its name,
// description or provider's name; a provider in $providers; ages overlapping $minimum_age to
// $maximum_age; our id in $ids (null: no filter). Ordered by our id; `total` counts them all,
// and rows $skip to $skip + $limit carry what export_services gives for a service_full (one
// row with no service when the page is empty, so the total still comes back). With $shapes,
// every row also carries `shapes` (else empty): each service found, in order, with just what its
// service_at_locations are made from (export.service_at_locations) and its name.
MATCH (s:Service)
WHERE coalesce(s.in_feed, true)
  AND (CASE WHEN s.status IS NULL OR s.status = '' THEN 'active' ELSE s.status END)
      IN $statuses
  AND ($ids IS NULL OR s.id IN $ids)
  AND ($minimum_age IS NULL OR s.max_age IS NULL OR s.max_age >= $minimum_age)
  AND ($maximum_age IS NULL OR s.min_age IS NULL OR s.min_age <= $maximum_age)
OPTIONAL MATCH (p:Provider)-[:PROVIDES]->(s)
WITH s, p
WHERE ($providers IS NULL OR p.id IN $providers)
  AND ($words IS NULL
       OR all(w IN $words WHERE toLower(coalesce(s.name, '') + ' ' + coalesce(s.description, '')
                                        + ' ' + coalesce(p.name, '')) CONTAINS w))
WITH s, p
ORDER BY s.id
WITH collect([s, p]) AS found
WITH size(found) AS total, found[$skip..($skip + $limit)] AS page,
     [x IN found WHERE $shapes | {id: x[0].id, source_id: x[0].source_id, name: x[0].name,
                                  locations: x[0].locations, sites: x[0].sites}] AS shapes
UNWIND CASE WHEN page = [] THEN [[null, null]] ELSE page END AS pair
WITH total, shapes, pair[0] AS s, pair[1] AS p
RETURN total, shapes,
       s {.*} AS service,
       p {.id, .name, .sector, .website} AS provider,
       [(s)-[:SERVES_AREA]->(a:Area) | a {.id, .name}] AS areas,
       [(s)-[:IN_DOMAIN]->(d:Domain) | d {.id, .name, .description}] AS domains,
       [(s)-[:PROVIDES_TYPE]->(t:SupportType) | t {.id, .name, .description}] AS types,
       [(s)-[:USES_SOURCE]->(x:Source) | x {.id, .name, .description}] AS sources,
       [(c:Commissioner)-[:FUNDS]->(:Contract)-[:FOR_SERVICE]->(s) | c.name] AS commissioners
