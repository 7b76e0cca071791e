// Set a switch; it survives clearing and reloading the map (cypher/admin/clear.cypher).
MERGE (s:AppSetting {name: $setting})
SET s.value = $value, s.changed_at = datetime(), s.changed_by = $actor
RETURN s.value AS value
