// Approve or reject a pending proposal (once: a decided one is left as it is).
MATCH (p:Proposal {id: $id, status: 'pending'})
SET p.status = $status, p.decided_by = $by, p.decided_at = datetime(), p.reason = $reason
