// When a feed's last good run started (see feed_run), or nothing for a feed never run.
MATCH (f:Feed {name: $feed})
RETURN f.last_run AS last_run, f.source AS source
