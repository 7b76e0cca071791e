UNWIND $rows AS r
CREATE (n:$(r.labels + ['_Restoring']))
SET n = r.props, n._restore_eid = r.eid
