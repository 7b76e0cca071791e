// How many people have a key worker (an admin's caseload list shows one page of them).
// Filtered by $need and $area_id (null: any), as keyworker/caseload.
MATCH (p:Person)
WHERE p.key_worker IS NOT NULL
  AND ($need IS NULL OR EXISTS { (p)-[:NEEDS]->(:Domain {id: $need}) })
  AND ($area_id IS NULL OR EXISTS { (p)-[:LIVES_IN]->(:Area)-[:PART_OF*0..5]->(:Area {id: $area_id}) })
RETURN count(p) AS people
