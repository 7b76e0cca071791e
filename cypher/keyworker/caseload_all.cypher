// Everyone who has a key worker (an admin's view). $skip, $limit (the page); filtered by
// $need (a life domain) and $area_id (the area or one inside it), null: any.
// Walked in identifier order on the Person.id index, so the first pages (the ones people
// open) stop after a few hundred people instead of sorting everyone with a key worker.
MATCH (p:Person)
USING INDEX p:Person(id)
WHERE p.id >= '' AND p.key_worker IS NOT NULL
  AND ($need IS NULL OR EXISTS { (p)-[:NEEDS]->(:Domain {id: $need}) })
  AND ($area_id IS NULL OR EXISTS { (p)-[:LIVES_IN]->(:Area)-[:PART_OF*0..5]->(:Area {id: $area_id}) })
// The page first, then its rows' areas and needs: only the people shown are worked out.
WITH p ORDER BY p.id SKIP $skip LIMIT $limit
RETURN p.id AS id, p.age_band AS age_band, p.key_worker AS key_worker,
       COLLECT { MATCH (p)-[:LIVES_IN]->(a:Area) RETURN a.name }[0] AS area_name,
       COLLECT { MATCH (p)-[:NEEDS]->(d:Domain) RETURN d.id ORDER BY d.order } AS needs
ORDER BY p.id
