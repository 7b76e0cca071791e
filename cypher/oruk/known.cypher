// What an Open Referral UK feed may refer to without repeating it: areas (by id, ONS code or
// name), commissioners and providers already in the map, services from no feed (whose
// exported ids a re-import of our own export recognises), and the funding texts confirmed as
// commissioners by earlier imports.
CALL () { MATCH (a:Area) RETURN collect({id: a.id, name: a.name}) AS areas }
CALL () { MATCH (c:Commissioner) RETURN collect(c.id) AS commissioners }
CALL () { MATCH (p:Provider) RETURN collect({id: p.id, sector: p.sector}) AS providers }
CALL () { MATCH (s:Service) WHERE s.source IS NULL RETURN collect(s.id) AS own_services }
CALL () {
  MATCH (c:Commissioner) WHERE c.oruk_funding_sources IS NOT NULL
  UNWIND c.oruk_funding_sources AS text
  RETURN collect({text: text, id: c.id}) AS funding_sources
}
RETURN areas, commissioners, providers, own_services, funding_sources
