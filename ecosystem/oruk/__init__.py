"""Open Referral UK (HSDS 3.0): import a directory feed into the map, and publish ours.

`import_oruk` reads a feed, converts it to our import rows (`convert`), and writes them through
the shared importer (`importers.import_tables`): every record is checked first and, with any
error, nothing is written. Services a complete feed no longer lists are marked
(`in_feed = false`, `removed_from_feed_on`), never deleted. See docs/oruk.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecosystem import dates, exports, importers
from ecosystem.accounts import audit
from ecosystem.db.graph import Graph
from ecosystem.importers.issues import ImportReport, Issue
from ecosystem.importers.load import Sizes
from ecosystem.oruk.convert import PREFIX, Conversion, Funder, Known, convert, load_funders
from ecosystem.oruk.export import Publication, export_page, publish, stable_uuid
from ecosystem.oruk.fetch import (
    feed_name_for_url,
    fetch_feed,
    is_saved_pages,
    is_url,
    read_saved_pages,
)
from ecosystem.oruk.mapping import Mapping, load_mapping
from ecosystem.oruk.reader import Feed, read_feed

__all__ = ["OrukImport", "Publication", "export_page", "import_oruk", "load_mapping",
           "publish", "read_feed"]


@dataclass
class OrukImport:
    report: ImportReport
    feed: Feed
    conversion: Conversion
    feed_name: str = "oruk"
    removed: list[str] = field(default_factory=list)  # our ids, marked gone from the feed
    since: dt.datetime | None = None  # only services modified since then were asked for

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def unmapped(self) -> list[tuple[str, str, str, list[str]]]:
        """(taxonomy, term id, term name, ORUK ids of the services using it), by use."""
        rows = [(*k, v) for k, v in self.conversion.unmapped.items()]
        return sorted(rows, key=lambda r: (-len(r[3]), r[2].lower(), r[1]))

    @property
    def unconfirmed_funders(self) -> dict[str, list[str]]:
        return self.conversion.unconfirmed_funders

    def write_unmapped(self, path: Path) -> None:
        exports.csv_file(path, (["term", name or term_id, taxonomy, "", "", "", "",
                                 f"used by {len(services)} service(s), e.g. {services[0]}; "
                                 f"term id {term_id}"]
                                for taxonomy, term_id, name, services in self.unmapped),
                         ["kind", "match", "taxonomy", "domains", "types", "sources", "sector",
                          "note"])


def feed_name_for(path: Path) -> str:
    """A feed's default name: its file or folder name, e.g. `kingston` for kingston.json."""
    name = re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-")
    return name or "oruk"


def known_from_graph(graph: Graph, feed: Feed | None = None) -> Known:
    row = graph.read("oruk/known")[0]
    ids = [PREFIX + str(s["id"]) for s in (feed.services if feed else [])
           if isinstance(s.get("id"), str)]
    prior = {r["id"]: {**r["props"], "provider_id": r["provider_id"], "areas": r["areas"],
                       "domains": r["domains"], "types": r["types"], "sources": r["sources"],
                       "suggested_domains": r["suggested_domains"],
                       "suggested_types": r["suggested_types"]}
             for r in (graph.read("oruk/prior_services", ids=ids) if ids else [])}
    return Known(areas={a["id"]: a["name"] for a in row["areas"]},
                 commissioners=frozenset(row["commissioners"]),
                 providers={p["id"]: p["sector"] for p in row["providers"]},
                 own_services={stable_uuid("service", i): i for i in row["own_services"]},
                 own_providers={stable_uuid("provider", p["id"]): p["id"]
                                for p in row["providers"] if not p["id"].startswith("oruk:")},
                 prior=prior,
                 funding_sources={f["text"]: f["id"] for f in row["funding_sources"]})


def last_run(graph: Graph, feed_name: str) -> dt.datetime | None:
    """When the feed's last good run started (`--since last`), or None."""
    rows = graph.read("oruk/feed_last_run", feed=feed_name)
    when: Any = rows[0]["last_run"] if rows else None
    return when.to_native() if hasattr(when, "to_native") else when


def read_source(source: Path | str, since: dt.datetime | None = None) -> Feed:
    """A feed from a file, a folder (HSDS CSV files, or saved /services pages) or an API."""
    if is_url(source):
        return fetch_feed(str(source), since=since)
    path = Path(source)
    return read_saved_pages(path) if is_saved_pages(path) else read_feed(path)


def import_oruk(graph: Graph, pseudonym_key: str, path: Path | str, *,
                mapping: Mapping | Path | None = None,
                confirm_funders: bool = False, funders_file: Path | None = None,
                area: str | None = None, feed_name: str | None = None,
                provider: str | None = None, skip_invalid: bool = False,
                since: dt.datetime | str | None = None,
                today: dt.date | None = None, actor: str | None = None,
                sizes: Sizes | None = None) -> OrukImport:
    """Read, check and import a feed. `feed_name` defaults to the file's own name (so two
    councils' feeds live side by side); `provider` names the provider of services that
    carry no organisation; with `skip_invalid`, valid records are imported and the rest
    reported. `path` may be an ORUK API's address; `since` (a time, or "last" for the
    feed's last good run) asks it only for the services modified since, and marks none as
    gone."""
    feed_name = feed_name or (feed_name_for_url(str(path)) if is_url(path) else
                              feed_name_for(Path(path)))
    run_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    issues: list[Issue] = []
    if since == "last":
        since = last_run(graph, feed_name)
        if since is None:
            issues.append(Issue("--since", None, None, "last",
                                f"an earlier run of the feed {feed_name!r}: there is none, "
                                "so run it once without --since"))
    elif isinstance(since, dt.datetime) and since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    elif isinstance(since, str):
        issues.append(Issue("--since", None, None, since, "a date and time, or last"))
        since = None
    if not isinstance(mapping, Mapping):
        mapping, problems = load_mapping(mapping)
        issues += problems
    funders: dict[str, Funder] = {}
    if funders_file is not None:
        funders, problems = load_funders(funders_file)
        issues += problems
    feed = read_source(path, since if isinstance(since, dt.datetime) else None)
    issues += feed.issues
    conv = convert(feed, mapping, known_from_graph(graph, feed), feed_name=feed_name,
                   default_area=area, confirm_funders=confirm_funders, funders=funders,
                   default_provider=provider)
    issues += conv.issues
    records = {k: v for k, v in conv.records.items() if v}
    tables, table_issues = importers.tables_from_records(records, origin="oruk")
    # Conversion problems go in as read issues: the importer still validates every row (so
    # one run reports everything) and, with any issue, writes nothing.
    report = importers.import_tables(graph, pseudonym_key, tables,
                                     issues + table_issues, skip_invalid=skip_invalid,
                                     source=f"{feed_name}: {Path(path).name}", sizes=sizes,
                                     who=importers.Who(actor or audit.cli_actor(),
                                                       f"ORUK feed: {feed_name}"))
    report.issues = conv.relabel(report.issues)
    where = str(path) if is_url(path) else Path(path).name
    audit.record(graph, actor or audit.cli_actor(), "import", f"{feed_name}: {where}",
                 f"written={report.written} problems={len(report.issues)}")
    result = OrukImport(report, feed, conv, feed_name)
    if report.written and conv.suggested:
        graph.write("oruk/mark_suggested", rows=[
            {"id": sid, "domains": d, "types": t} for sid, (d, t) in conv.suggested.items()])
    if report.written and conv.confirmed_funders:
        graph.write("oruk/remember_funders", confirmed=[
            {"text": text, "id": cid} for text, cid in sorted(conv.confirmed_funders.items())])
    # A skipped record is still in the feed: with any skipped, nothing is marked as gone.
    whole = feed.complete and not report.issues
    if report.written and whole and conv.service_ids:  # empty: likely a bad download
        result.removed = graph.write(
            "oruk/mark_removed", feed=feed_name, seen=conv.service_ids,
            provider=("oruk:" + feed.scope_organization) if feed.scope_organization else None,
            today=today or dates.today(),
        ).rows[0]["removed"]
    nothing_new = since is not None and not feed.services and not issues
    if (report.written and not report.issues) or nothing_new:
        graph.write("oruk/feed_run", feed=feed_name, source=str(path), run_at=run_at,
                    complete=whole, services=len(conv.service_ids))
    result.since = since if isinstance(since, dt.datetime) else None
    return result
