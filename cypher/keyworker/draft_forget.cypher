// Answers past their time are deleted (every save clears some), and a key worker's own
// answers when they start again ($id; null: only the expired).
MATCH (d:KeyWorkerDraft)
WHERE d.expires <= $now OR d.id = $id
WITH d LIMIT 1000
DELETE d
