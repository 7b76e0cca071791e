"""Neo4j access: the driver and named queries (graph), the managed local server, the schema."""
