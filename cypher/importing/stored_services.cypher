// Services as rows of the import's services table, rebuilt from the node and its links (so
// an edit form and a change's "before" read what an import wrote, whichever path wrote it).
UNWIND $ids AS id
MATCH (n:Service {id: id})
OPTIONAL MATCH (n)-[f:FOLLOWS_MODEL]->(m:Model)
RETURN n.id AS key, n.row_hash AS version, properties(n) AS props,
       {provider_id: head(COLLECT { MATCH (p:Provider)-[:PROVIDES]->(n) RETURN p.id AS x
                                    ORDER BY x }),
        areas: COLLECT { MATCH (n)-[:SERVES_AREA]->(a:Area) RETURN a.id AS x ORDER BY x },
        domains: COLLECT { MATCH (n)-[:IN_DOMAIN]->(d:Domain) RETURN d.id AS x ORDER BY x },
        sources: COLLECT { MATCH (n)-[:USES_SOURCE]->(s:Source) RETURN s.id AS x ORDER BY x },
        types: COLLECT { MATCH (n)-[:PROVIDES_TYPE]->(t:SupportType) RETURN t.id AS x
                         ORDER BY x },
        cohorts: COLLECT { MATCH (n)-[:FOR_COHORT]->(c:Cohort) RETURN c.id AS x ORDER BY x },
        model_id: m.id, model_fidelity: f.fidelity} AS links
