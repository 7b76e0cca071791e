// Warm start: read every node and relationship and their properties once, so the stores
// the pages read are in Neo4j's page cache before the first visitor (read-only).
MATCH (n)
WITH count(n) AS nodes, sum(size(keys(n))) AS node_properties
OPTIONAL MATCH ()-[r]->()
RETURN nodes, node_properties, count(r) AS relationships,
       sum(size(keys(r))) AS relationship_properties
