// A key worker's saved answers, if they are theirs and not yet expired.
MATCH (d:KeyWorkerDraft {id: $id})
WHERE d.user = $user AND d.expires > $now
RETURN d.body AS body
