// One pseudonymised person as a profile: answers, area, needs, current services.
MATCH (p:Person {id: $person_id})
RETURN p {.age_band, .benefit_status, .housing_status, .in_work, .offending_history,
          .severity, .conditions} AS person,
       COLLECT { MATCH (p)-[:LIVES_IN]->(a:Area) RETURN a.id }[0] AS area_id,
       COLLECT { MATCH (p)-[:NEEDS]->(d:Domain) RETURN d.id ORDER BY d.order } AS needs,
       COLLECT { MATCH (p)-[:MEMBER_OF]->(c:Cohort) RETURN c.id } AS cohorts,
       COLLECT { MATCH (p)-[e:ENGAGED_WITH]->(s:Service)
                 WHERE e.started IS NOT NULL AND e.ended IS NULL RETURN s.id } AS uses
