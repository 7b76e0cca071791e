// Every service as a services.csv row: its properties and its links (lists sorted, as the
// importer hashes them).
MATCH (n:Service)
OPTIONAL MATCH (n)-[f:FOLLOWS_MODEL]->(m:Model)
WITH n, head(collect({id: m.id, fidelity: f.fidelity})) AS model
RETURN properties(n) AS props,
       {provider_id: COLLECT { MATCH (p:Provider)-[:PROVIDES]->(n) RETURN p.id ORDER BY p.id }[0],
        areas: COLLECT { MATCH (n)-[:SERVES_AREA]->(x:Area) RETURN x.id ORDER BY x.id },
        domains: COLLECT { MATCH (n)-[:IN_DOMAIN]->(x:Domain) RETURN x.id ORDER BY x.id },
        sources: COLLECT { MATCH (n)-[:USES_SOURCE]->(x:Source) RETURN x.id ORDER BY x.id },
        types: COLLECT { MATCH (n)-[:PROVIDES_TYPE]->(x:SupportType) RETURN x.id ORDER BY x.id },
        cohorts: COLLECT { MATCH (n)-[:FOR_COHORT]->(x:Cohort) RETURN x.id ORDER BY x.id },
        model_id: model.id, model_fidelity: model.fidelity} AS links
ORDER BY n.id
