// Ids already in the graph, so an import may refer to them without repeating them.
CALL () { MATCH (n:Area) RETURN collect(n.id) AS areas }
CALL () { MATCH (n:Provider) RETURN collect(n.id) AS providers }
CALL () { MATCH (n:Commissioner) RETURN collect(n.id) AS commissioners }
CALL () { MATCH (n:Cohort) RETURN collect(n.id) AS cohorts }
CALL () { MATCH (n:Service) RETURN collect(n.id) AS services }
CALL () { MATCH (n:Contract) RETURN collect(n.id) AS contracts }
RETURN areas, providers, commissioners, cohorts, services, contracts
