// The shortest referral route (up to 4 steps) from each of $from_ids to each of $to_ids.
UNWIND $to_ids AS tid
MATCH (t:Service {id: tid})
UNWIND $from_ids AS fid
MATCH (u:Service {id: fid})
WITH u, t WHERE u <> t
MATCH p = shortestPath((u)-[:REFERS_TO*1..4]->(t))
RETURN t.id AS target, length(p) AS hops,
       [n IN nodes(p) | {id: n.id, name: n.name, kind: n.kind, status: n.status}] AS steps,
       [r IN relationships(p) | r.note] AS notes
ORDER BY target, hops
