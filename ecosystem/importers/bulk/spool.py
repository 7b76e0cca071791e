"""The bulk import's one pass over the rows, before the server is touched: the catalogue
validated whole, then people and journey events chunk by chunk (against the catalogue and
the people seen so far), each chunk turned into import parameters (pseudonyms, row hashes)
and spooled to the work folder.

A person's derived data (the NEXT chain, ENGAGED_WITH, DOUBLED_UP, `reached`) needs all
their events together, in any order the file gives them: people and events go to a fixed
number of bucket files by a hash of the person's pseudonym, and `buckets()` later gives one
bucket at a time. What stays in memory grows with the people (their raw ids, for the
references of events and the check of duplicates) and the catalogue, not with the events.
Duplicate event ids across chunks are found by a second set of files, by a hash of the
event's pseudonym."""

from __future__ import annotations

import math
import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from ecosystem.importers import fast, params
from ecosystem.importers.bulk.files import Rec
from ecosystem.importers.bulk.sources import Source
from ecosystem.importers.issues import Issue, duplicate_message
from ecosystem.importers.pseudonymise import pseudonym
from ecosystem.importers.readers import Table
from ecosystem.importers.schema import ENTITIES, Row
from ecosystem.importers.validate import Known, Valid, _without_raw_ids, validate

# Events of one bucket are in memory at once, with what is derived from them.
EVENTS_PER_BUCKET = 200_000
_CATALOGUE_KNOWN = ("areas", "providers", "commissioners", "cohorts", "services")


@dataclass
class Spooled:
    """What the pass found: the catalogue's parameters, the rows spooled, the problems."""

    work: Path
    buckets: int
    steps: dict[str, list[Rec]] = field(default_factory=dict)  # the catalogue's, in load order
    counts: dict[str, int] = field(default_factory=dict)  # rows without problems, by entity
    rejected: dict[str, int] = field(default_factory=dict)  # by entity given
    issues: list[Issue] = field(default_factory=list)

    def bucket_path(self, b: int) -> Path:
        return self.work / f"bucket-{b:04d}.pickle"

    def buckets_in_turn(self) -> Iterator[tuple[list[Rec], list[Rec]]]:
        """(people, events) of each bucket in turn; each file removed once read."""
        for b in range(self.buckets):
            path = self.bucket_path(b)
            people: list[Rec] = []
            events: list[Rec] = []
            if path.exists():
                with open(path, "rb") as f:
                    while True:
                        try:
                            kind, rows = pickle.load(f)
                        except EOFError:
                            break
                        (people if kind == "P" else events).extend(rows)
                path.unlink()
            yield people, events


def spool(source: Source, key: str, work: Path, buckets: int | None = None) -> Spooled:
    """Validate everything, spooling the people and events that pass (see the docstring)."""
    events = source.estimated_rows.get("journey_events", 0)
    n = buckets or max(1, math.ceil(events / EVENTS_PER_BUCKET))
    out = Spooled(work, n, issues=list(source.issues))
    if source.chunks:
        pseudonym("check", key)  # fails early, with the message, when there is no key
    # Nothing in the (empty) database: only what this import brings is known.
    valid, issues = validate(source.tables, Known(), lambda _refs: set())
    out.issues += issues
    for e in ENTITIES:
        if e.name in source.tables:
            out.rejected[e.name] = len(valid.rejected.get(e.name, ()))
    out.steps = dict(params.plan(valid, key))
    out.counts = {name: len(rows) for name, rows in out.steps.items()}
    known = Known(**{name: frozenset(str(p["id"]) for p in out.steps.get(name, []))
                     for name in _CATALOGUE_KNOWN})
    with _Spool(out, key) as sp:
        if "people" in source.chunks:
            sp.people(source.chunks["people"](), known)
        if "journey_events" in source.chunks:
            sp.events(source.chunks["journey_events"](), known)
    return out


class _Spool:
    """The bucket files open while the pass runs, and what it keeps of the people."""

    def __init__(self, out: Spooled, key: str) -> None:
        self.out, self.key = out, key
        self.planner = fast.Planner(key)
        self.first_row: dict[str, int] = {}  # each valid person's raw id: their row
        self.rejected_people: set[str] = set()  # raw ids on rows with problems
        self.files: list[IO[bytes]] = []
        self.id_files: list[IO[str]] = []

    def __enter__(self) -> _Spool:
        w = self.out.work
        self.files = [open(self.out.bucket_path(b), "ab") for b in range(self.out.buckets)]
        self.id_files = [open(w / f"ids-{b:04d}.txt", "a", encoding="utf-8")
                         for b in range(self.out.buckets)]
        return self

    def __exit__(self, *exc: object) -> None:
        for f in self.files:
            f.close()
        for t in self.id_files:
            t.close()

    def _plan(self, entity: str, rows: list[tuple[str, int, Row]]) -> list[Rec]:
        if fast.applies(entity):
            return self.planner.rows(entity, rows)
        return [params.to_params(entity, r, self.key) for _, _, r in rows]

    def _chunks(self, entity: str, chunks: Iterable[tuple[Table | None, list[Issue]]],
                check: Callable[[Table], Valid]) -> Iterator[list[tuple[str, int, Row]]]:
        """Each chunk's rows without problems; the problems noted. A wrong header is
        reported once, and the rest of the file counted as rejected."""
        out, header_wrong = self.out, False
        for table, issues in chunks:
            out.issues += issues
            if table is None:
                return
            if header_wrong:
                out.rejected[entity] += len(table.rows)
                continue
            valid = check(table)
            rejected = valid.rejected.get(entity, set())
            out.rejected[entity] = out.rejected.get(entity, 0) + len(rejected)
            out.counts.setdefault(entity, 0)
            if entity not in valid.rows:
                header_wrong = True
                continue
            if entity == "people" and rejected:
                self.rejected_people |= {str(c["person_ref"]).strip()
                                         for n, c in table.rows
                                         if n in rejected and c.get("person_ref")}
            yield valid.rows[entity]

    def _validate(self, table: Table, known: Known,
                  person_known: Callable[[Iterable[str]], set[str]] | None) -> Valid:
        valid, issues = validate({table.entity: table}, known, person_known)
        self.out.issues += issues
        return valid

    def people(self, chunks: Iterable[tuple[Table | None, list[Issue]]], known: Known) -> None:
        first = self.first_row
        for rows in self._chunks("people", chunks, lambda t: self._validate(t, known, None)):
            kept = []
            for origin, rownum, row in rows:
                ref = row.person_ref  # type: ignore[attr-defined]
                if ref in first:  # a duplicate of a row in an earlier chunk
                    self._problem(Issue(origin, rownum, "person_ref", ref,
                                        duplicate_message(("person_ref",), first[ref])))
                    self.out.rejected["people"] += 1
                    continue
                first[ref] = rownum
                kept.append((origin, rownum, row))
            self._put("P", self._plan("people", kept), "id")

    def events(self, chunks: Iterable[tuple[Table | None, list[Issue]]], known: Known) -> None:
        # Rejected people count as present (as in validate), so their events are not
        # reported again as naming nobody.
        known = replace(known, people=frozenset(self.rejected_people))
        first = self.first_row

        def person_known(refs: Iterable[str]) -> set[str]:
            return {r for r in refs if r in first}

        origin = ""
        for rows in self._chunks("journey_events", chunks,
                                 lambda t: self._validate(t, known, person_known)):
            planned = self._plan("journey_events", rows)
            origin = rows[0][0] if rows else origin
            for (_, rownum, _), p in zip(rows, planned, strict=True):
                eid = p["id"]
                self.id_files[_bucket(eid, self.out.buckets)].write(f"{eid}\t{rownum}\n")
            self._put("E", planned, "person_id")
        for f in self.id_files:
            f.flush()
        self._duplicate_events(origin)

    def _put(self, kind: str, rows: list[Rec], person_key: str) -> None:
        entity = "people" if kind == "P" else "journey_events"
        self.out.counts[entity] = self.out.counts.get(entity, 0) + len(rows)
        by_bucket: dict[int, list[Rec]] = {}
        n = self.out.buckets
        for r in rows:
            by_bucket.setdefault(_bucket(r[person_key], n), []).append(r)
        for b, part in by_bucket.items():
            pickle.dump((kind, part), self.files[b], protocol=pickle.HIGHEST_PROTOCOL)

    def _duplicate_events(self, origin: str) -> None:
        """Event ids given on two rows of different chunks (within a chunk, validate finds
        them); the first row by number is the one kept, as there."""
        for b in range(self.out.buckets):
            seen: dict[str, int] = {}
            with open(self.out.work / f"ids-{b:04d}.txt", encoding="utf-8") as f:
                for line in f:
                    eid, n = line.rstrip("\n").split("\t")
                    if eid in seen:
                        self._problem(Issue(origin, int(n), "event_ref", eid,
                                            duplicate_message(("event_ref",), seen[eid])))
                        self.out.rejected["journey_events"] += 1
                        self.out.counts["journey_events"] -= 1
                    else:
                        seen[eid] = int(n)
            (self.out.work / f"ids-{b:04d}.txt").unlink()

    def _problem(self, issue: Issue) -> None:
        self.out.issues.append(_without_raw_ids(issue))


def _bucket(pseudonym_: str, n: int) -> int:
    return zlib.crc32(pseudonym_.encode()) % n

