"""Editing catalogue entries in the browser: one row through the importer.

An edit is one row of its import table, checked by the importer's own validation and
written by its own write path (`ecosystem.importers.import_tables`), so an edit and an import
of the same row give the same graph, and history is recorded the same way. `edit.py` saves
(with the version check), `forms.py` says what a form shows, `proposals.py` keeps provider
editors' proposals until an admin approves or rejects them.
"""
