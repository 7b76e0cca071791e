// Keep the commissioner's headlines ($headlines, JSON) on the import $id they were worked
// out after, for $key (the day and settings); only once it is complete.
MATCH (i:Import {id: $id})
WHERE i.status = 'complete'
SET i.headlines_key = $key, i.headlines = $headlines
RETURN i.id AS id
