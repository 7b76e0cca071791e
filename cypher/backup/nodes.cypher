// A page of nodes for export, with their internal ids so relationships can refer to them.
// The sign-in throttle's counters are not backed up: they mean nothing after 15 minutes; nor
// are the key workers' answers between pages (gone within the hour), nor the admins' switches
// (settings of this copy of the tool, which a clear and a restore leave as they are), nor
// the map's version (the restore's own writes give it a new one).
MATCH (n) WHERE NOT n:SignInThrottle AND NOT n:KeyWorkerDraft AND NOT n:AppSetting
  AND NOT n:MapVersion
WITH n ORDER BY elementId(n)
SKIP $skip LIMIT $limit
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props
