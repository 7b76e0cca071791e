// The values the services list's own filters take beyond the map's: kinds and providers.
RETURN
  COLLECT { MATCH (s:Service) WHERE s.kind IS NOT NULL
            RETURN DISTINCT s.kind AS kind ORDER BY kind } AS kind,
  COLLECT { MATCH (p:Provider) WHERE EXISTS { (p)-[:PROVIDES]->(:Service) }
            RETURN {id: p.id, name: p.name} ORDER BY p.name, p.id } AS provider
