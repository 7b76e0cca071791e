// Labels of map data already in the graph (anything but reference data, users, the audit
// log, admin switches, sign-in counters and key workers' answers between pages): a bulk
// first load refuses to replace them. Stops at the first node found per label.
CALL db.labels() YIELD label
WITH label
WHERE NOT label IN ['Domain', 'Source', 'SupportType', 'Model', 'Principle', 'User', 'AuditEntry',
                        'AppSetting', 'SignInThrottle', 'KeyWorkerDraft', 'MapVersion']
CALL (label) {
  MATCH (n) WHERE label IN labels(n)
  RETURN n LIMIT 1
}
RETURN collect(DISTINCT label) AS labels
