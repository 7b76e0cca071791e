"""The one core object: settings plus the graph, with every read and write the CLI and the
web need. It fills in what the settings decide and audits what must be audited, so the two
front ends cannot drift. The analyses, directory and accounts methods are in
`ecosystem.facade`; imports, backups and the people's data are here."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecosystem import backup, dates, exports, importers, oruk, retention, summaries
from ecosystem.accounts import audit
from ecosystem.config import Settings
from ecosystem.db import schema
from ecosystem.db.connect import connect
from ecosystem.db.graph import Graph
from ecosystem.facade.accounts import Accounts
from ecosystem.facade.analyses import Analyses
from ecosystem.facade.directory import Directory
from ecosystem.facade.editing import Editing
from ecosystem.facade.keyworker import KeyWork
from ecosystem.facade.publishing import Publishing
from ecosystem.facade.stewardship import Stewardship
from ecosystem.facade.warming import Warming
from ecosystem.importers import ImportReport, current, load, templates, upgrade
from ecosystem.kept import Kept
from ecosystem.oruk import OrukImport, review
from ecosystem.retention import RetentionResult


@dataclass
class Ecosystem(Analyses, Directory, Accounts, Publishing, Stewardship, Editing, KeyWork,
                Warming):
    settings: Settings
    graph: Graph
    # Whole-area results until the map changes (ecosystem/kept.py): this process's own.
    kept: Kept = field(default_factory=Kept, repr=False, compare=False)

    @classmethod
    def open(cls, settings: Settings | None = None, start: bool = False,
             **driver_options: Any) -> Ecosystem:
        """`driver_options`: retry and timeouts (see ecosystem.db.connect)."""
        settings = settings or Settings.from_env()
        return cls(settings, connect(settings, start=start, **driver_options))

    def close(self) -> None:
        self.graph.close()

    def __enter__(self) -> Ecosystem:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ping(self) -> None:
        """Raises `DatabaseUnavailable` if Neo4j cannot be reached."""
        self.graph.ping()

    def init(self) -> None:
        """Create constraints and indexes, load the reference data and work out what a map
        written by an older version lacks. Idempotent."""
        schema.init(self.graph)
        upgrade.upgrade(self.graph)

    def clear(self) -> None:
        """Delete the map (the schema, users and audit log stay)."""
        self.graph.run_autocommit("admin/clear_relationships")
        self.graph.run_autocommit("admin/clear")

    def import_path(self, path: Path, skip_invalid: bool = False,
                    on_rows: Callable[[int], None] | None = None,
                    on_total: Callable[[int], None] | None = None,
                    actor: str | None = None) -> ImportReport:
        """Validate every row at `path`, then write all of it (or, with errors, nothing).

        The import is audited as `actor` (default: the operating-system user)."""
        who = importers.Who(actor or audit.cli_actor(), f"import: {Path(path).name}")
        report = importers.import_path(self.graph, self.settings.resolve_pseudonym_key(), path,
                                       skip_invalid, on_rows, on_total,
                                       sizes=load.Sizes.of(self.settings), who=who)
        self._audit_import(actor, Path(path).name, report)
        return report

    def import_tables(self, records: dict[str, list[dict[str, Any]]], skip_invalid: bool = False,
                       on_rows: Callable[[int], None] | None = None,
                       on_total: Callable[[int], None] | None = None,
                       actor: str | None = None, source: str = "records") -> ImportReport:
        """The same, for rows already in memory (generators, other feeds, tests)."""
        tables, issues = importers.tables_from_records(records)
        who = importers.Who(actor or audit.cli_actor(), f"import: {source}")
        report = importers.import_tables(self.graph, self.settings.resolve_pseudonym_key(),
                                         tables, issues, skip_invalid, on_rows, on_total,
                                         sizes=load.Sizes.of(self.settings), who=who)
        self._audit_import(actor, source, report)
        return report

    def check_row(self, entity: str, fields: dict[str, Any]) -> list[importers.Issue]:
        """The problems, in plain English and by field, that importing this one row of
        `entity` (a dict of column to cell, as an edit form gives it) would report; none if it
        would import. Checked as the importer checks, its references against the map."""
        return importers.check_row(entity, fields, importers.known_ids(self.graph))[1]

    def _audit_import(self, actor: str | None, source: str, report: ImportReport) -> None:
        changed = sum(c.created + c.updated for c in report.counts.values())
        audit.record(self.graph, actor or audit.cli_actor(), "import", source,
                     f"written={report.written} rows_changed={changed} "
                     f"problems={len(report.issues)}")

    def load_demo(self, seed: int = 7, as_of: dt.date | None = None,
                  on_rows: Callable[[int], None] | None = None,
                  on_total: Callable[[int], None] | None = None) -> ImportReport:
        """Replace the graph with the demo area (through the same importer as real data)."""
        from ecosystem.demo.area import generate

        self.clear()
        self.init()
        return self.import_tables(generate(seed=seed, as_of=as_of), on_rows=on_rows,
                                  on_total=on_total, source=f"demo seed={seed}")

    def import_oruk(self, path: Path | str, **options: Any) -> OrukImport:
        """Import an Open Referral UK feed (see ecosystem.oruk.import_oruk for `options`)."""
        options.setdefault("sizes", load.Sizes.of(self.settings))
        return oruk.import_oruk(self.graph, self.settings.resolve_pseudonym_key(), path,
                                **options)

    def export_oruk(self) -> oruk.Publication:
        """Our services as an ORUK page of service_full records, each checked against the
        published schema (invalid values left out, with warnings)."""
        return oruk.publish(self.graph)

    def suggested_classifications(self) -> list[review.Pending]:
        """Feed services whose life domain or type of support is only suggested (the review
        queue, docs/oruk.md)."""
        return review.pending(self.graph)

    def confirm_classifications(self, decisions: list[review.Decision],
                                actor: str | None = None,
                                today: dt.date | None = None) -> list[str]:
        """Confirm (or change, then confirm) suggested classifications; audited."""
        actor = actor or audit.cli_actor()
        done = review.confirm(self.graph, decisions, actor, today or dates.today())
        changed = [f"{d.service_id}: {d.domain or '='}/{d.type or '='}" for d in decisions
                   if d.service_id in done and (d.domain or d.type)]
        audit.record(self.graph, actor, "review-classifications",
                     f"{len(done)} service(s)",
                     "confirmed " + ", ".join(done) + ("; changed " + ", ".join(changed)
                                                       if changed else ""))
        return done

    def export(self, out: Path, actor: str | None = None,
               target: str | None = None) -> dict[str, int]:
        """Write the whole graph to `out` (see ecosystem.backup), audited as `actor` with
        `target` (default: the folder)."""
        counts = backup.export(self.graph, out)
        # The backup holds everything, people and users included: an export of person data.
        audit.record(self.graph, actor or audit.cli_actor(), "export",
                     str(out) if target is None else target, _sizes(counts))
        return counts

    def export_current(self, fmt: str, actor: str | None = None, target: str | None = None,
                       out: Path | None = None) -> bytes | None:
        """The current catalogue in the import format (ecosystem/importers/current.py): no
        people, no journeys, no accounts. `fmt` "zip" (the CSV folder, zipped) or "xlsx" (one
        workbook) as bytes; "folder": the CSV files written into `out`, None returned.
        Audited as `export.catalogue`."""
        t = current.tables(self.graph)
        body: bytes | None = None
        if fmt == "zip":
            body = exports.csv_zip_bytes(t)
        elif fmt == "xlsx":
            body = exports.xlsx_bytes(t, templates.drop_downs())
        elif fmt == "folder" and out is not None:
            out.mkdir(parents=True, exist_ok=True)
            for name, (header, rows) in t.items():
                exports.csv_file(out / f"{name}.csv", rows, header)
        else:
            raise ValueError(f"unknown format {fmt!r} (or a folder without `out`)")
        sizes = " ".join(f"{k}={v}" for k, v in current.counts(t).items())
        audit.record(self.graph, actor or audit.cli_actor(), "export.catalogue",
                     target or (str(out) if out else fmt), f"{fmt} {sizes}")
        return body

    def restore(self, folder: Path, actor: str | None = None) -> dict[str, int]:
        """Replace the graph with a backup made by `export` (audited, failed or not)."""
        who = actor or audit.cli_actor()
        try:
            backup.check(folder)
            self.clear()
            self.graph.run_schema("schema/constraints")
            counts = backup.restore(self.graph, folder)
        except backup.RestoreError as e:
            audit.record(self.graph, who, "restore.failed", str(folder), str(e))
            raise
        audit.record(self.graph, who, "restore", str(folder), _sizes(counts))
        return counts

    def clear_people(self, actor: str | None = None) -> dict[str, int]:
        """Delete every person and journey event (services, users and the audit log stay):
        the first step of rotating the pseudonymisation key. Returns how many went."""
        before = self.counts()
        gone = {"people": before.get("Person", 0), "events": before.get("Event", 0)}
        self.graph.run_autocommit("admin/clear_people")
        summaries.refresh(self.graph)
        audit.record(self.graph, actor or audit.cli_actor(), "people.clear", "graph",
                     f"people={gone['people']} events={gone['events']}")
        return gone

    def apply_retention(self, dry_run: bool = False, actor: str | None = None,
                        today: dt.date | None = None) -> RetentionResult | None:
        """Delete journey events older than `settings.retention_years` and rebuild the
        journeys they were part of; None (and nothing done) when retention is off. A real run
        is audited, whatever it deleted."""
        years = self.settings.retention_years
        if years < 1:
            return None
        result = retention.apply(self.graph, years, today or dates.today(), dry_run)
        if not dry_run:
            audit.record(self.graph, actor or audit.cli_actor(), "retention.apply",
                         "journey events",
                         f"years={years} before={result.cutoff.isoformat()} "
                         f"events={result.events} people={result.people}")
        return result

    def fingerprint(self, exclude: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
        """Every node and relationship as sorted text: equal fingerprints, equal graphs.
        `exclude` leaves out nodes with those labels (e.g. the audit log). Never part of it:
        the history of changes (it says when, so two imports of one map differ in it), the
        sign-in throttle's counters, key workers' answers between pages, admins' switches."""
        def text(v: object) -> str:
            return json.dumps(v, sort_keys=True, default=str)

        ex = [*exclude, "SignInThrottle", "KeyWorkerDraft", "AppSetting", "Change",
              "MapVersion"]
        nodes = sorted(text(r) for r in self.graph.read("admin/fingerprint_nodes", exclude=ex))
        rels = sorted(text(r) for r in self.graph.read("admin/fingerprint_rels", exclude=ex))
        return nodes, rels

    def unfinished_imports(self) -> list[dict[str, Any]]:
        """Imports that started and never completed (run them again to complete them)."""
        return self.graph.read("importing/unfinished")

    def find_text(self, values: list[str]) -> list[str]:
        """Text values in the graph containing any of `values`: a privacy check that raw
        identifiers from a source file never reached the map."""
        if not values:
            return []
        return list(self.graph.read("admin/find_text", values=values)[0]["found"])

    def counts(self) -> dict[str, int]:
        return {r["label"]: r["n"] for r in self.graph.read("admin/counts")}


def _sizes(counts: dict[str, int]) -> str:
    return f"nodes={counts['nodes']} relationships={counts['relationships']}"
