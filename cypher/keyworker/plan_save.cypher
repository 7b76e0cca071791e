// Save a person's plan with them (the options picked and the plan's details, as JSON), and
// when. A person's page reads it back (keyworker/plan_load); deleted with the person.
MATCH (p:Person {id: $person_id})
SET p.plan = $body, p.plan_updated = date($on)
RETURN count(p) AS saved
