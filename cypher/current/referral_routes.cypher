// Every referral route as a referral_routes.csv row.
MATCH (a:Service)-[r:REFERS_TO]->(b:Service)
RETURN {note: r.note} AS props, {from_service_id: a.id, to_service_id: b.id} AS links
ORDER BY a.id, b.id
