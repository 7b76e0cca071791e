// A person's saved plan, if any.
MATCH (p:Person {id: $person_id})
WHERE p.plan IS NOT NULL
RETURN p.plan AS body, p.plan_updated AS updated
