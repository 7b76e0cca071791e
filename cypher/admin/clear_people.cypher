// Delete every person and journey event (the map of services stays, and so do the users and
// the audit log): the first step of rotating the pseudonymisation key.
MATCH (n) WHERE n:Person OR n:Event
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
