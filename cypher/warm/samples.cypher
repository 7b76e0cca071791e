// Warm start: one of each kind of entry the pages show, to open each page with (read-only).
// A person with a journey and a service in use, so the key worker's page shows (and plans)
// all it can; failing that, any person with a journey.
RETURN head(COLLECT { MATCH (n:Service) RETURN n.id ORDER BY n.id LIMIT 1 }) AS service,
       head(COLLECT { MATCH (n:Service) RETURN n.name ORDER BY n.id LIMIT 1 }) AS service_name,
       head(COLLECT { MATCH (n:Provider) RETURN n.id ORDER BY n.id LIMIT 1 }) AS provider,
       head(COLLECT { MATCH (n:Commissioner) RETURN n.id ORDER BY n.id LIMIT 1 }) AS commissioner,
       head(COLLECT { MATCH (n:Cohort) RETURN n.id ORDER BY n.id LIMIT 1 }) AS cohort,
       head(COLLECT { MATCH (n:Area) RETURN n.id ORDER BY n.id LIMIT 1 }) AS area,
       head(COLLECT { MATCH (n:Person)
                      WHERE EXISTS { (n)-[:HAD]->(:Event) }
                        AND EXISTS { (n)-[e:ENGAGED_WITH]->(:Service)
                                     WHERE e.started IS NOT NULL AND e.ended IS NULL }
                      RETURN n.id LIMIT 1 }
            + COLLECT { MATCH (n:Person) WHERE EXISTS { (n)-[:HAD]->(:Event) }
                        RETURN n.id LIMIT 1 }) AS person
