UNWIND $rows AS r
MATCH (a:_Restoring {_restore_eid: r.start})
MATCH (b:_Restoring {_restore_eid: r.end})
CREATE (a)-[rel:$(r.type)]->(b)
SET rel = r.props
