// "Still correct": the service's details confirmed on $today, nothing else changed.
MATCH (s:Service {id: $id})
SET s.last_verified = $today
RETURN s.id AS id, s.name AS name
