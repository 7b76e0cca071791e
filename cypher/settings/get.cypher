// A switch an admin sets in the browser (for example the public find-support page).
OPTIONAL MATCH (s:AppSetting {name: $setting})
RETURN s.value AS value
