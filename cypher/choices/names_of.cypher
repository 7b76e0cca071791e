// choices/names for these ids only ($ids), to name what a few rows refer to without reading
// the name of everything in the map.
RETURN COLLECT { MATCH (c:Cohort) WHERE c.id IN $ids RETURN {id: c.id, name: c.name} }
         AS cohorts,
       COLLECT { MATCH (c:Commissioner) WHERE c.id IN $ids RETURN {id: c.id, name: c.name} }
         AS commissioners,
       COLLECT { MATCH (s:Service) WHERE s.id IN $ids RETURN {id: s.id, name: s.name} }
         AS services,
       COLLECT { MATCH (a:Area) WHERE a.id IN $ids RETURN {id: a.id, name: a.name} } AS areas,
       COLLECT { MATCH (p:Provider) WHERE p.id IN $ids RETURN {id: p.id, name: p.name} }
         AS providers
