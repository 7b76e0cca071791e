// Benchmark only (bench/): the server's memory settings and version, for the report.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
