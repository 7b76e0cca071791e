// Drop the restore's own label and property once every relationship is in.
MATCH (n:_Restoring)
CALL (n) { REMOVE n:_Restoring, n._restore_eid } IN TRANSACTIONS OF 10000 ROWS
