// Forget what the analyses kept on the import records (the commissioner's headlines, the
// outcomes rows): a write path with no import record of its own changed the people.
MATCH (i:Import)
WHERE i.headlines_key IS NOT NULL OR i.outcomes_key IS NOT NULL
REMOVE i.headlines_key, i.headlines, i.outcomes_key, i.outcomes_all, i.outcomes_areas,
       i.outcomes_rows
RETURN count(i) AS forgotten
