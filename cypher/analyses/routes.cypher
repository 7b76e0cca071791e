// Every referral route of up to 4 steps from any of $from_ids to $to_id that visits no
// service twice (so cycles in the referral network are harmless), shortest first.
MATCH (t:Service {id: $to_id})
UNWIND $from_ids AS fid
MATCH (u:Service {id: fid})
WITH u, t WHERE u <> t
MATCH p = (u)-[:REFERS_TO*1..4]->(t)
WHERE length(p) <= $max_hops
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
RETURN length(p) AS hops,
       [n IN nodes(p) | {id: n.id, name: n.name, kind: n.kind, status: n.status,
                         self_referral: n.self_referral, waiting_days: n.waiting_days}] AS steps,
       [r IN relationships(p) | r.note] AS notes
ORDER BY hops, [n IN nodes(p) | n.name]
LIMIT $limit
