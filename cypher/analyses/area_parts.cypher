// The areas directly within $area_id (an ICB's places, a place's neighbourhoods), by name.
MATCH (:Area {id: $area_id})<-[:PART_OF]-(p:Area)
RETURN p.id AS id, p.name AS name
ORDER BY name, id
