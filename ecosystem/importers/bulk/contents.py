"""What goes in the offline importer's files: every node, relationship and property the
online import's Cypher makes, and what it derives afterwards."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from ecosystem import vocabulary
from ecosystem.importers import journeys, params
from ecosystem.importers.bulk.files import CsvFiles, Rec


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def write_reference(files: CsvFiles) -> None:
    """As cypher/reference/load.cypher makes it (`init` MERGEs the same again)."""
    ref = vocabulary.as_rows()
    files.nodes("Domain", cast(list[Rec], ref["domains"]))
    files.nodes("Source", cast(list[Rec], ref["sources"]))
    files.nodes("SupportType", cast(list[Rec], ref["types"]))
    models = cast(list[Rec], ref["models"])
    files.nodes("Model", [{k: m[k] for k in ("id", "name", "evidence", "description")}
                          for m in models])
    files.rels("IN_DOMAIN", "Model", "Domain",
               [(m["id"], d, None) for m in models for d in _unique(m["domains"])])
    files.rels("USES_SOURCE", "Model", "Source",
               [(m["id"], s, None) for m in models for s in _unique(m["sources"])])
    files.rels("PROVIDES_TYPE", "Model", "SupportType",
               [(m["id"], t, None) for m in models for t in _unique(m["types"])])
    principles = [{"_key": f"{m['id']}/{p['order']}", "model": m["id"], "order": p["order"],
                   "text": p["text"]}
                  for m in models for p in m["principles"]]
    files.nodes("Principle", principles, id_key=None)
    files.rels("HAS_PRINCIPLE", "Model", "Principle",
               [(p["model"], p["_key"], None) for p in principles])


def _node(entity: str, row: Rec) -> Rec:
    """A node's id and properties, as cypher/importing/<entity>.cypher sets them."""
    return {"id": row["id"], **params.properties(entity, row)}


def write_catalogue(files: CsvFiles, steps: dict[str, list[Rec]]) -> None:
    """As cypher/importing/<entity>.cypher makes each entity but people and events, on an
    empty graph (the files in load order)."""
    _write_areas_and_bodies(files, steps)
    _write_services(files, steps)


def _write_areas_and_bodies(files: CsvFiles, steps: dict[str, list[Rec]]) -> None:
    areas = steps.get("areas", [])
    files.nodes("Area", [_node("areas", r) for r in areas])
    area_ids = {r["id"] for r in areas}
    files.rels("PART_OF", "Area", "Area", [(r["id"], r["parent_id"], None) for r in areas
                                           if r["parent_id"] in area_ids])
    files.nodes("Provider", [_node("providers", r) for r in steps.get("providers", [])])
    comms = steps.get("commissioners", [])
    files.nodes("Commissioner", [_node("commissioners", r) for r in comms])
    files.rels("BASED_IN", "Commissioner", "Area",
               [(r["id"], r["area_id"], None) for r in comms if r["area_id"] in area_ids])
    cohorts = steps.get("cohorts", [])
    files.nodes("Cohort", [_node("cohorts", r) for r in cohorts])
    files.rels("IN_AREA", "Cohort", "Area", [(r["id"], r["area_id"], None) for r in cohorts])
    files.rels("NEEDS", "Cohort", "Domain",
               [(r["id"], n["domain"], {"estimated": n["estimated"]})
                for r in cohorts for n in r["needs"]])


def _write_services(files: CsvFiles, steps: dict[str, list[Rec]]) -> None:
    """Services and their classification, referral routes, and contracts."""
    services = steps.get("services", [])
    files.nodes("Service", [_node("services", r) for r in services])
    files.rels("PROVIDES", "Provider", "Service",
               [(r["provider_id"], r["id"], None) for r in services])
    for rel, end, fieldname in (("SERVES_AREA", "Area", "areas"),
                                ("IN_DOMAIN", "Domain", "domains"),
                                ("USES_SOURCE", "Source", "sources"),
                                ("PROVIDES_TYPE", "SupportType", "types"),
                                ("FOR_COHORT", "Cohort", "cohorts")):
        files.rels(rel, "Service", end, [(r["id"], x, None) for r in services
                                         for x in _unique(r[fieldname])])
    files.rels("FOLLOWS_MODEL", "Service", "Model",
               [(r["id"], r["model_id"], {"fidelity": r["model_fidelity"]})
                for r in services if r["model_id"] is not None])
    files.rels("REFERS_TO", "Service", "Service",
               [(r["from_service_id"], r["to_service_id"], params.properties("referral_routes", r))
                for r in steps.get("referral_routes", [])])
    contracts = steps.get("contracts", [])
    files.nodes("Contract", [_node("contracts", r) for r in contracts])
    files.rels("FUNDS", "Commissioner", "Contract",
               [(r["commissioner_id"], r["id"], None) for r in contracts])
    files.rels("FOR_SERVICE", "Contract", "Service",
               [(r["id"], r["service_id"], None) for r in contracts])


def write_people(files: CsvFiles, steps: dict[str, list[Rec]],
                 reached: dict[str, list[str]]) -> None:
    """People and their events (of one bucket: each call writes files of its own)."""
    people = steps.get("people", [])
    # `reached` only for people with events, as the online import sets it with their journeys.
    files.nodes("Person", [_node("people", r) | ({"reached": reached[r["id"]]}
                                                 if r["id"] in reached else {}) for r in people])
    files.rels("LIVES_IN", "Person", "Area", [(r["id"], r["area_id"], None) for r in people])
    files.rels("MEMBER_OF", "Person", "Cohort",
               [(r["id"], c, None) for r in people for c in _unique(r["cohorts"])])
    files.rels("NEEDS", "Person", "Domain",
               [(r["id"], d, None) for r in people for d in _unique(r["needs"])])
    events = steps.get("journey_events", [])
    files.nodes("Event", [_node("journey_events", r) for r in events])
    files.rels("HAD", "Person", "Event", [(r["person_id"], r["id"], None) for r in events])
    files.rels("AT", "Event", "Service", [(r["id"], r["service_id"], None) for r in events])
    files.rels("REFERRED_FROM", "Event", "Service",
               [(r["id"], r["referred_from_service_id"], None) for r in events
                if r["referred_from_service_id"] is not None])


def write_journeys(files: CsvFiles, steps: dict[str, list[Rec]]) -> dict[str, list[str]]:
    """NEXT, ENGAGED_WITH and DOUBLED_UP, as cypher/importing/journeys_new.cypher makes them
    (by the rules of rebuild_journeys.cypher and rebuild_by_kind.cypher); returns each
    person's `reached` domains, which go on their node."""
    reached: dict[str, list[str]] = {}
    kinds = journeys.kinds_from_rows(steps.get("services", []))
    nexts: list[tuple[str, str, Rec | None]] = []
    engaged: list[tuple[str, str, Rec | None]] = []
    doubled: list[tuple[str, str, Rec | None]] = []
    for pid, evs in journeys.by_person(steps.get("journey_events", [])).items():
        j = journeys.derive(pid, evs, kinds)
        nexts += [(a["id"], b["id"], None) for a, b in zip(j.events, j.events[1:], strict=False)]
        engaged += [(pid, sid, g) for sid, g in j.engaged.items()]
        doubled += [(pid, a, {"other": b, "since": since}) for a, b, since in j.doubled]
        reached[pid] = j.reached
    files.rels("NEXT", "Event", "Event", nexts)
    files.rels("ENGAGED_WITH", "Person", "Service", engaged)
    files.rels("DOUBLED_UP", "Person", "Service", doubled)
    return reached


def write_kept(files: CsvFiles, kept: list[Rec]) -> None:
    """Users, the audit log and admin switches, as they are (they are not part of the map)."""
    groups: dict[str, list[Rec]] = {}
    for n, row in enumerate(kept):
        labels = ":".join(sorted(row["labels"]))
        groups.setdefault(labels, []).append({"_key": f"kept-{n}", **row["props"]})
    for labels, rows in groups.items():
        files.nodes(labels, rows, id_space="Kept", id_key=None)
