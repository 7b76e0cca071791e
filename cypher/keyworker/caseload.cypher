// A key worker's caseload: the people whose key_worker is $owner. Attributes only; the id is a
// pseudonym. Anchored on the Person.key_worker index. $owner, $skip, $limit (the page);
// filtered by $need (a life domain) and $area_id (the area or one inside it), null: any.
MATCH (p:Person {key_worker: $owner})
WHERE ($need IS NULL OR EXISTS { (p)-[:NEEDS]->(:Domain {id: $need}) })
  AND ($area_id IS NULL OR EXISTS { (p)-[:LIVES_IN]->(:Area)-[:PART_OF*0..5]->(:Area {id: $area_id}) })
// The page first, then its rows' areas and needs: only the people shown are worked out.
WITH p ORDER BY p.id SKIP $skip LIMIT $limit
RETURN p.id AS id, p.age_band AS age_band, p.key_worker AS key_worker,
       COLLECT { MATCH (p)-[:LIVES_IN]->(a:Area) RETURN a.name }[0] AS area_name,
       COLLECT { MATCH (p)-[:NEEDS]->(d:Domain) RETURN d.id ORDER BY d.order } AS needs
ORDER BY p.id
