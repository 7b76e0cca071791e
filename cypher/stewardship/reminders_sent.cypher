// The reminders already recorded, by key (service, the last_verified it was stale with, stage).
MATCH (r:Reminder)
WHERE r.key IN $keys
RETURN r.key AS key, r.sent_on AS sent_on
