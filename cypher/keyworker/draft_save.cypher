// A key worker's answers between pages (ecosystem/keyworker/drafts.py), under a hash of the
// token their session holds; replaced on each save, deleted once $expires has passed.
MERGE (d:KeyWorkerDraft {id: $id})
SET d.user = $user, d.body = $body, d.expires = $expires
