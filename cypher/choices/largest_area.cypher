// The largest area, the commissioner's default: the most areas within it, then the most
// services serving it or an area within it; ties to the lower id. Services are counted only
// for the areas with the most within (usually one): counting them for every area read every
// service once per area (4 s at size L).
MATCH (a:Area)
WITH a, COUNT { MATCH (a)<-[:PART_OF*1..5]-(:Area) } AS within
WITH max(within) AS most, collect({area: a, within: within}) AS areas
UNWIND areas AS x
WITH x.area AS a, x.within AS within
WHERE within = most
RETURN a.id AS id, within,
       size(COLLECT { MATCH (a)<-[:PART_OF*0..5]-(:Area)<-[:SERVES_AREA]-(s:Service)
                      RETURN DISTINCT s }) AS services
ORDER BY services DESC, id
LIMIT 1
