// A reminder sent (or, with no one to send it to, noted), once per key.
MERGE (r:Reminder {key: $key})
ON CREATE SET r.service_id = $service_id, r.stage = $stage, r.sent_on = $sent_on,
              r.usernames = $usernames
