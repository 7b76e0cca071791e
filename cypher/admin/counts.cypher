// Node counts by label of the map, for status and tests (users and audit entries are not
// part of the map: see users/list and audit/list; nor are the record of imports and the
// sign-in throttle's counters, nor the key workers' answers between pages, nor the map's version).
CALL db.labels() YIELD label
WITH label WHERE NOT label IN ['User', 'AuditEntry', 'Import', 'SignInThrottle', 'AppSetting',
                             'KeyWorkerDraft', 'MapVersion']
CALL (label) {
  MATCH (n) WHERE label IN labels(n)
  RETURN count(n) AS n
}
RETURN label, n ORDER BY label
