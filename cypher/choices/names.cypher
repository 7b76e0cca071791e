// Names of cohorts, commissioners, services, areas and providers by id, for labelling analysis results.
RETURN COLLECT { MATCH (c:Cohort) RETURN {id: c.id, name: c.name} } AS cohorts,
       COLLECT { MATCH (c:Commissioner) RETURN {id: c.id, name: c.name} } AS commissioners,
       COLLECT { MATCH (s:Service) RETURN {id: s.id, name: s.name} } AS services,
       COLLECT { MATCH (a:Area) RETURN {id: a.id, name: a.name} } AS areas,
       COLLECT { MATCH (p:Provider) RETURN {id: p.id, name: p.name} } AS providers
