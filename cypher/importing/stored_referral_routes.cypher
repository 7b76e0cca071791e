// Referral routes as rows of the import's referral_routes table; $ids are "from|to" keys.
UNWIND $ids AS id
WITH split(id, '|') AS pair
MATCH (:Service {id: pair[0]})-[r:REFERS_TO]->(:Service {id: pair[1]})
RETURN pair[0] + '|' + pair[1] AS key, r.row_hash AS version, properties(r) AS props,
       {from_service_id: pair[0], to_service_id: pair[1]} AS links
