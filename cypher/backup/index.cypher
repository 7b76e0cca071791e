// A temporary index that lets a restore join relationships to the nodes it just created.
CREATE INDEX restore_eid IF NOT EXISTS FOR (n:_Restoring) ON (n._restore_eid);
CALL db.awaitIndexes(300);
