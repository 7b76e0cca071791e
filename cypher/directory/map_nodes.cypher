// The area map's nodes: services (sized by capacity), providers (by the capacity of their
// services) and commissioners (by their annual spend through contracts).
MATCH (s:Service)
RETURN 'service' AS kind, s.id AS id, s.name AS name, s.status AS status,
       COLLECT { MATCH (s)-[:IN_DOMAIN]->(d:Domain) RETURN d.id ORDER BY d.order } AS domains,
       toFloat(s.capacity) AS size
UNION ALL
MATCH (p:Provider)
CALL (p) {
  OPTIONAL MATCH (p)-[:PROVIDES]->(s:Service)
  RETURN toFloat(sum(coalesce(s.capacity, 0))) AS size
}
RETURN 'provider' AS kind, p.id AS id, p.name AS name, p.sector AS status, [] AS domains, size
UNION ALL
MATCH (c:Commissioner)
CALL (c) {
  OPTIONAL MATCH (c)-[:FUNDS]->(k:Contract)
  RETURN toFloat(sum(coalesce(k.annual_value, 0))) AS size
}
RETURN 'commissioner' AS kind, c.id AS id, c.name AS name, c.kind AS status, [] AS domains, size
