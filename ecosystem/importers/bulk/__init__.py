"""Bulk first load: a large area into an EMPTY database on the managed server, offline.

The rows are read, validated and turned into parameters exactly as `ecosystem import` does
(same pseudonyms, same row hashes), people and journey events a chunk at a time from their
CSV files, spooled to bucket files by person in a work folder (memory does not grow with the
events); any problem and nothing is written, and the server is not touched. They are then written
as CSV files for Neo4j's offline importer (`neo4j-admin database import full`) with every
node, relationship and property the online Cypher creates, plus what the online import
derives afterwards (the NEXT chain of each person's events and the ENGAGED_WITH summaries,
by the rules of cypher/importing/rebuild_journeys.cypher). The server is stopped, the
database replaced by the import, the server started again, the schema created
(`ecosystem.db.schema.init`), and the Import record marked complete.

Only for the first load: it refuses a database that already holds map data, and a Neo4j
given by NEO4J_URI (the offline importer needs the server's own files). Users and the audit
log, which live in the same database, are carried over unchanged.

`run.py` takes those steps; `sources.py` reads, `spool.py` validates and spools, one bucket
at a time is then written out; `contents.py` says what goes in the files, `files.py` writes
them.
"""

from ecosystem.importers.bulk.files import BulkImportError
from ecosystem.importers.bulk.run import BulkTimings, bulk_import

__all__ = ["BulkImportError", "BulkTimings", "bulk_import"]
