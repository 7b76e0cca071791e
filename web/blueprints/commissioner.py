"""The commissioner's pages: overlaps, orphaned cohorts, coverage, funding flows, pathway
bottlenecks and what-if. Thin over the core object's analyses; every table downloads as CSV
(`?format=csv&table=<id>` on the same page, with the same choices). All forms are GET: they
ask questions, they change nothing. Counts of people are aggregates, through the disclosure
policy (suppressed when small, rounded otherwise; docs/security.md).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ecosystem import dates
from ecosystem.analyses.contracts import ContractEnd
from ecosystem.analyses.coverage import CoverageResult, Matrix
from ecosystem.analyses.orphans import CohortNeed
from ecosystem.analyses.outcomes import Outcomes
from ecosystem.analyses.overlaps import CatalogueOverlap, ServiceRef
from ecosystem.directory import choices
from ecosystem.vocabulary import DOMAIN_NAMES, SOURCE_NAMES, TYPE_NAMES, label

from .. import choosing, sankey
from ..core import get_ecosystem
from ..tables import Cell, Table, csv_response, csv_url, link, money, number, people, share, text

bp = Blueprint("commissioner", __name__, url_prefix="/commissioner")

# The demo's step-down pathway (fixtures/README.md, finding 5): the pathway form's default
# when these services exist.
DEFAULT_PATHWAY = ("icb-ward", "icb-dischargelink", "icb-stepdown", "icb-hf")
PATHWAY_STEPS = 6
MAX_MONTHS = 60
MAX_ID = 200
MAX_NAME = 300  # of a name typed into a long list's text box

VIEWS = (
    ("commissioner.overlaps", "Overlaps",
     "Services doing the same thing for the same people in the same place, and people using "
     "two of them at once, ranked by the money at stake."),
    ("commissioner.orphans", "Orphaned and under-served cohorts",
     "Groups whose needs no service can meet, meets far below the need, has not reached, or "
     "will stop meeting when contracts end."),
    ("commissioner.coverage", "Coverage",
     "The area's services by life domain against source and type of support, with gaps, and "
     "whether IPS, Housing First and welfare advice exist at the scale needed."),
    ("commissioner.funding", "Funding flows",
     "Where the money goes: from commissioners to life domains and cohorts, spend per head "
     "and how concentrated it is."),
    ("commissioner.contracts", "Contracts timeline",
     "What ends when, what is renewed and what stops, the cohorts that depend on each, and "
     "the money per quarter."),
    ("commissioner.pathway", "Pathway bottlenecks",
     "Waits at each step of a chain of services, the bottleneck and the cost of people "
     "waiting in a hospital bed."),
    ("commissioner.whatif", "What if",
     "Decommission services or withdraw a commissioner and see what breaks."),
    ("commissioner.outcomes", "Outcomes and value for money",
     "What people's journeys achieve at each service, model of support and life domain, "
     "and the cost per outcome, with services that do the same thing side by side."),
)


def _page(template: str, tables: Sequence[Table], prefix: str, **context: Any
          ) -> ResponseReturnValue:
    """The page, or one of its tables as CSV when asked (`format=csv&table=<id>`)."""
    if request.args.get("format") == "csv":
        return csv_response(tables, request.args.get("table"), prefix)
    endpoint = request.endpoint or ""
    args = request.args.to_dict(flat=False)
    return render_template(template, tables={t.id: t for t in tables},
                           disclosure=get_ecosystem().disclosure,
                           csv_for=lambda t: csv_url(endpoint, args, t.id), **context)


def _arg(name: str) -> str:
    return request.args.get(name, "").strip()[:MAX_ID]


def _area_arg(areas: Sequence[Any], errors: dict[str, str], message: str) -> str:
    return _chosen("area", areas, errors, "area", message)


def _chosen(param: str, options: Sequence[Any], errors: dict[str, str], what: str,
            message: str) -> str:
    """The id of the `what` asked for as `param` (its code, or for a long list its name too:
    web/choosing.py), if it is one of `options`; else "" and `message` (or what was wrong
    with the name) in errors."""
    raw = request.args.get(param, "")[:MAX_NAME]
    if not choosing.is_long(options):
        chosen = raw.strip()[:MAX_ID]
        if chosen and chosen not in {o.id for o in options}:
            errors[param] = message
            return ""
        return chosen
    found, problem = choosing.read(raw, options, what)
    if problem:
        errors[param] = problem
    return found or ""


def _svc(ref: ServiceRef) -> Cell:
    return link(ref.name, "service", ref.id)


def _domains(ids: Sequence[str]) -> str:
    return ", ".join(DOMAIN_NAMES.get(d, d) for d in ids)


def _types(ids: Sequence[str]) -> str:
    return ", ".join(TYPE_NAMES.get(t, t) for t in ids)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


@bp.get("/")
def index() -> ResponseReturnValue:
    """The views, each with its headline for the area today."""
    h = get_ecosystem().headlines(dates.today())  # kept until the map changes
    headlines = {
        "commissioner.overlaps":
            f"{_plural(h.clusters, 'cluster')} of possible duplicates "
            f"({_plural(h.pairs, 'pair')}), {h.different} paid for by "
            "different commissioners"
            + (f"; the largest £{h.largest_spend:,.0f} a year combined"
               if h.largest_spend is not None else ""),
        "commissioner.orphans":
            f"{_plural(h.orphaned, 'orphaned cohort need')}, "
            f"{h.under_served} under-served, {h.ending} losing every service "
            f"within {h.months} months",
        "commissioner.funding":
            f"£{h.total:,.0f} a year in current contracts; "
            f"{_plural(h.services_for_half, 'service')} take half",
    }
    return render_template("commissioner/index.html", views=VIEWS, headlines=headlines)


# --- Overlaps ---------------------------------------------------------------------------------

@bp.get("/overlaps", endpoint="overlaps")
def overlaps_page() -> ResponseReturnValue:
    eco = get_ecosystem()
    different = request.args.get("different") == "1"
    areas = eco.area_choices()
    errors: dict[str, str] = {}
    area = _area_arg(areas, errors, "Choose an area from the list, or all areas.")
    res = eco.overlaps(only_different_commissioners=different, area_id=area or None)
    names = eco.names()

    def payers(ref: ServiceRef) -> str:
        return ", ".join(names.commissioners.get(c, c) for c in ref.commissioners) or \
            "no current contract"

    def cohorts(ids: Sequence[str]) -> str:
        return ", ".join(names.cohorts.get(c, c) for c in ids)

    clu = Table("clusters", "Clusters of duplicates, largest combined spend first (each "
                "service's money counted once)",
                ["Services", "Life domain", "Type of support", "Cohorts", "Paid for by",
                 "Different payers", "Pairs", "Combined annual spend", "Why"],
                empty="No two active services overlap.", csv_only=frozenset({8}))
    clu.add_each(res.clusters, lambda c: (
        Cell(", ".join(s.name for s in c.services),
             csv="; ".join(f"{s.name} ({s.id})" for s in c.services)),
        _domains(c.domains), _types(c.types), cohorts(c.cohorts) or "overlapping eligibility",
        "; ".join(f"{s.name}: {payers(s)}" for s in c.services),
        "Yes" if c.different_commissioners else "No", number(len(c.pairs)),
        money(c.combined_spend), c.why))
    cat = Table("catalogue", "The pairs behind the clusters, largest combined spend "
                "first", ["Service", "Overlaps with", "Life domain", "Type of support",
                          "Basis", "Paid for by", "Different payers",
                          "Combined annual spend", "Why"],
                empty="No two active services overlap.",
                csv_only=frozenset({2, 3, 4, 5}))  # domain, type, basis, payers: in the why

    def pair(o: CatalogueOverlap) -> tuple[Cell | str, ...]:
        a, b = o.services
        return (_svc(a), _svc(b), _domains(o.domains), _types(o.types),
                o.basis + (f" ({cohorts(o.cohorts)})" if o.cohorts else ""),
                f"{a.name}: {payers(a)}; {b.name}: {payers(b)}",
                "Yes" if o.different_commissioners else "No", money(o.combined_spend), o.why)
    cat.add_each(res.catalogue, pair)
    dbl = Table("doubling", "People using two such services at the same time, largest money "
                "at stake first", ["Service", "And at the same time", "Life domain",
                                   "Type of support", "People", "Money at stake", "Why"],
                empty="Nobody was engaged with two overlapping services at the same time.")
    dbl.add_each(res.doubling_up, lambda d: (
        _svc(d.services[0]), _svc(d.services[1]), _domains(d.domains), _types(d.types),
        people(d.people), money(d.money_at_stake) if d.money_at_stake is not None
        else Cell("not shown", numeric=True, csv=""), d.why))
    return _page("commissioner/overlaps.html", [clu, cat, dbl], "overlaps", result=res,
                 different=different, areas=areas, area=area, errors=errors)


# --- Orphans ----------------------------------------------------------------------------------

def _months(errors: dict[str, str], default: int = 6) -> int:
    raw = _arg("months")
    if not raw:
        return default
    try:
        months = int(raw)
    except ValueError:
        months = -1
    if not 1 <= months <= MAX_MONTHS:
        errors["months"] = (f"Enter a whole number of months from 1 to {MAX_MONTHS}, "
                            f"like {default}.")
        return default
    return months


def _cohort(n: CohortNeed) -> Cell:
    return link(n.cohort_name, "cohort", n.cohort_id)


def _provision(n: CohortNeed) -> str:
    return ", ".join(f"{p.name} ({p.capacity if p.capacity is not None else 'capacity unknown'})"
                     for p in n.provision) or "none"


@bp.get("/orphans", endpoint="orphans")
def orphans_page() -> ResponseReturnValue:
    errors: dict[str, str] = {}
    months = _months(errors)
    eco = get_ecosystem()
    res = eco.orphans(months=months)
    names = eco.names()
    orph = Table("orphaned", "Orphaned: no available service can take the cohort for this "
                 "need, largest estimated need first",
                 ["Cohort", "Area", "Life domain", "Estimated need", "Turned away by", "Why"],
                 empty="Every cohort need has at least one service that can take it.")
    orph.add_each(res.orphaned, lambda n: (
        _cohort(n), link(names.areas.get(n.area_id, n.area_id), "area", n.area_id)
        if n.area_id else text("none"), DOMAIN_NAMES.get(n.domain, n.domain),
        number(n.estimated),
        "; ".join([f"{names.services.get(s, s)}: {r}" for s, r in n.turned_away]
                  + ([n.elsewhere_words] if n.elsewhere else []))
        or "none: no available service in this domain serves the area", n.why))
    partly = Table("partly-met", "Partly met: the services that can take the cohort serve "
                   "only some of its places, largest estimated need first",
                   ["Cohort", "Area", "Life domain", "Estimated need",
                    "Places without a service", "Services, where they serve", "Why"],
                   empty="No cohort need is met in only some of its places.",
                   csv_only=frozenset({6}))
    partly.add_each(res.partly_met, lambda n: (
        _cohort(n), link(names.areas.get(n.area_id or "", n.area_id or ""), "area",
                         n.area_id or ""),
        DOMAIN_NAMES.get(n.domain, n.domain), number(n.estimated),
        ", ".join(name for _, name in n.places_without),
        ", ".join(p.name for p in n.provision), n.why))
    under = Table("under-served", f"Under-served: capacity below "
                  f"{res.under_ratio:.0%} of the estimated need, lowest ratio first",
                  ["Cohort", "Life domain", "Estimated need", "Capacity",
                   "Capacity as a share of need", "Services that can take them"],
                  empty="No cohort need is under-served at this ratio.")
    under.add_each(res.under_served, lambda n: (
        _cohort(n), DOMAIN_NAMES.get(n.domain, n.domain), number(n.estimated),
        number(n.capacity), share(n.ratio), _provision(n)))
    none = Table("no-contact", "No contact: at least half of the cohort's people with the "
                 "need have started with no service in that domain",
                 ["Cohort", "Life domain", "People with the need", "With no contact",
                  "Share with no contact", "Why"],
                 empty="Every cohort's recorded needs have been met by at least half.")
    none.add_each(res.no_contact, lambda c: (
        link(c.cohort_name, "cohort", c.cohort_id), DOMAIN_NAMES.get(c.domain, c.domain),
        people(c.with_need), people(c.no_contact), share(c.share) if c.share is not None
        else Cell("not shown", numeric=True, csv=""), c.why))
    ending = Table("ending", f"Ending soon: every service meeting the need stops within "
                   f"{months} months, soonest first",
                   ["Cohort", "Life domain", "Last service stops", "Services", "Why"],
                   empty=f"No cohort loses all its services for a need within {months} months.")
    ending.add_each(res.ending, lambda e: (
        _cohort(e.need), DOMAIN_NAMES.get(e.need.domain, e.need.domain),
        Cell(e.last_end.strftime("%-d %B %Y"), csv=e.last_end.isoformat()),
        ", ".join(f"{p.name} ({p.ends})" for p in e.need.provision), e.why))
    try_now = [(", ".join(p.name for p in e.need.provision), e.need.cohort_name,
                url_for("commissioner.whatif", run=1,
                        service=[p.service_id for p in e.need.provision]))
               for e in res.ending]
    return _page("commissioner/orphans.html", [orph, partly, under, none, ending], "orphans",
                 result=res, months=months, months_raw=_arg("months"), errors=errors,
                 try_now=try_now)


# --- Contracts timeline -----------------------------------------------------------------------

CONTRACT_STATUS = {"stops": "Stops", "renewed": "Renewed", "continues": "Continues"}


def _day(d: dt.date | None) -> Cell:
    return Cell(d.strftime("%-d %B %Y"), csv=d.isoformat()) if d else text("")


@bp.get("/contracts", endpoint="contracts")
def contracts_page() -> ResponseReturnValue:
    eco = get_ecosystem()
    areas = eco.area_choices()
    errors: dict[str, str] = {}
    months = _months(errors, default=12)
    area = _area_arg(areas, errors, "Choose an area from the list, or all areas.")
    res = eco.contracts(months=months, area_id=area or None)
    ends = Table("ends", f"Contracts ending within {months} months, soonest first",
                 ["Ends", "Service", "Commissioner", "Annual value", "What happens",
                  "Cohorts that depend on it", "Left with no service if it stops"],
                 empty=f"No contract ends within {months} months.")

    def end(e: ContractEnd) -> tuple[Cell | str, ...]:
        if e.status == "renewed" and e.continued_from:
            happens = f"Renewed: {e.continued_by} from {e.continued_from.strftime('%-d %B %Y')}"
        elif e.status == "continues":
            happens = f"Continues: still funded by {e.continued_by}"
        else:
            happens = "Stops: no recorded contract continues it"
        deps = "; ".join(f"{d.cohort_name} ({DOMAIN_NAMES.get(d.domain, d.domain)})"
                         for d in e.cohorts)
        return (_day(e.end_date), link(e.service, "service", e.service_id),
                link(e.commissioner, "commissioner", e.commissioner_id),
                money(e.annual_value), Cell(happens, csv=CONTRACT_STATUS[e.status]),
                deps or ("none: a clinical service" if e.clinical else "none"),
                "; ".join(f"{d.cohort_name} ({DOMAIN_NAMES.get(d.domain, d.domain)})"
                          for d in e.orphans) or "none")
    ends.add_each(res.ends, end)
    quarters = Table("quarters", "Money per quarter (financial years, April to June first)",
                     ["Quarter", "Contracted in the quarter", "Contracts ending",
                      "Annual value stopping", "Annual value renewed"])
    for q in res.quarters:
        quarters.add(q.label, money(q.contracted), number(q.ending), money(q.stopping),
                     money(q.renewed))
    return _page("commissioner/contracts.html", [ends, quarters], "contracts", result=res,
                 months=months, months_raw=_arg("months"), areas=areas, area=area,
                 errors=errors, stops=len(res.by_status("stops")),
                 renewed=len(res.by_status("renewed")),
                 continues=len(res.by_status("continues")))


# --- Coverage ---------------------------------------------------------------------------------

HEAT_LEVELS = 5


def _heat(matrix: Matrix, id: str, caption: str, columns: dict[str, str], spend: bool,
          area: str, by: str) -> Table:
    """A heatmap table; each cell with services links to them in the services list (the
    same area, life domain and source or type, active ones: what coverage counts)."""
    values = {k: (c.spend if spend else float(c.count)) for k, c in matrix.cells.items()}
    top = max(values.values(), default=0.0)
    t = Table(id, caption, ["Life domain", *(columns.get(c, c) for c in matrix.columns)],
              heatmap=True)
    for d in matrix.rows:
        row: list[Cell] = [text(DOMAIN_NAMES.get(d, d))]
        for c in matrix.columns:
            v = values[(d, c)]
            level = 0 if not v or not top else max(1, min(HEAT_LEVELS,
                                                          round(HEAT_LEVELS * v / top)))
            cell = money(v) if spend else number(int(v))
            query: dict[str, Any] = {"area": area, "domain": d, "status": "active", by: c}
            href = (url_for("directory.services", **query) if matrix.cell(d, c).services
                    else None)
            row.append(Cell(cell.text, href=href, numeric=True, level=level, csv=cell.csv))
        t.rows.append(row)
    return t


NAMES_SHOWN = 20  # names listed in a table cell on the page; the CSV lists them all


def _spend_split(res: CoverageResult, area_name: str, service_names: dict[str, str]) -> Table:
    """Where the area's spend belongs, so that areas add up to the whole (issue 15)."""
    t = Table("spend-split", f"Where the spend serving {area_name} belongs",
              ["Spend", "Annual spend", "How it was counted"])
    t.add(f"Own spend of {area_name}", money(res.own_spend),
          "services serving only this area or areas within it")
    for p in res.parts:
        t.add(f"of which {p.name} alone", money(p.spend),
              "services serving only that area or areas within it")
    if res.parts:
        t.add("of which across its areas", money(res.across_spend),
              "services serving the whole area, or more than one of its areas")
    t.add("From services serving wider", money(res.wider_spend),
          "full annual value, not apportioned: also counted in every other area they serve ("
          + (", ".join(service_names.get(i, i) for i in res.wider_services) or "none") + ")")
    t.add("Clinical services (left out)", money(res.clinical_spend),
          "wards, CMHTs and other entry points: not social support "
          f"({len(res.clinical_services)} service(s))")
    return t


def _names(items: list[str]) -> Cell:
    """A list of names, cut short on the page when long (a whole county's cells)."""
    full = ", ".join(items)
    if len(items) <= NAMES_SHOWN:
        return text(full)
    return Cell(", ".join(items[:NAMES_SHOWN]) + f" and {len(items) - NAMES_SHOWN:,} more "
                "(all in the CSV)", csv=full)


@bp.get("/coverage", endpoint="coverage")
def coverage_page() -> ResponseReturnValue:
    eco = get_ecosystem()
    areas = eco.area_choices()
    errors: dict[str, str] = {}
    area = _area_arg(areas, errors, "Choose an area from the list.")
    if not area and areas:
        area = eco.default_area() or areas[0].id
    if not area:
        return render_template("commissioner/coverage.html", areas=areas, area=None,
                               result=None, errors=errors, tables={}, csv_for=None)
    res = eco.coverage(area)
    tables = [
        _heat(res.by_source, "services-by-source", "Number of services: life domain by source "
              "of support", SOURCE_NAMES, spend=False, area=area, by="source"),
        _heat(res.by_type, "services-by-type", "Number of services: life domain by type of "
              "support", TYPE_NAMES, spend=False, area=area, by="support_type"),
        _heat(res.by_source, "spend-by-source", "Annual spend: life domain by source of "
              "support", SOURCE_NAMES, spend=True, area=area, by="source"),
        _heat(res.by_type, "spend-by-type", "Annual spend: life domain by type of support",
              TYPE_NAMES, spend=True, area=area, by="support_type"),
    ]
    scale = Table("scale", "IPS, Housing First and welfare advice against the need "
                  "(Centre for Mental Health briefing 61)",
                  ["Model", "Compared with need in", "Services", "Capacity",
                   "Estimated need", "Capacity as a share of need", "Finding", "Why"])
    names = eco.names()
    for s in res.scale:
        scale.add(s.model_name, DOMAIN_NAMES.get(s.domain, s.domain),
                  ", ".join(names.services.get(i, i) for i in s.services) or "none",
                  number(s.capacity), number(s.estimated_need), share(s.ratio),
                  Cell(s.status), s.why)
    tables.append(scale)
    cells = Table("cells", "The services behind each count (cells with none are left out)",
                  ["Life domain", "By", "Source or type of support", "Services", "Names"])
    for by, matrix, labels in (("Source", res.by_source, SOURCE_NAMES),
                               ("Type", res.by_type, TYPE_NAMES)):
        for d in matrix.rows:
            for c in matrix.columns:
                cell = matrix.cell(d, c)
                if cell.services:
                    cells.add(DOMAIN_NAMES.get(d, d), by, labels.get(c, c), number(cell.count),
                              _names([names.services.get(i, i) for i in cell.services]))
    tables.append(cells)
    area_name = next((a.name for a in areas if a.id == area), area)
    tables.append(_spend_split(res, area_name, names.services))
    return _page("commissioner/coverage.html", tables, f"coverage-{area}", result=res,
                 areas=areas, area=area, area_name=area_name, errors=errors,
                 heat_levels=HEAT_LEVELS)


# --- Funding ----------------------------------------------------------------------------------

CLINICAL = "clinical"  # the funding diagram's node for clinical services


@bp.get("/funding", endpoint="funding")
def funding_page() -> ResponseReturnValue:
    eco = get_ecosystem()
    areas = eco.area_choices()
    errors: dict[str, str] = {}
    area = _area_arg(areas, errors, "Choose an area from the list, or all areas.")
    by = "cohort" if request.args.get("by") == "cohort" else "domain"
    res = eco.funding(area or None)
    names = eco.names()
    # Commissioner -> domain (or cohort): each contract's value split equally, as `funding`.
    pairs: dict[tuple[str, str], float] = defaultdict(float)
    comm_names: dict[str, str] = {}
    comm_kinds: dict[str, str | None] = {}
    for f in res.flows:
        comm_names[f.commissioner_id] = f.commissioner
        comm_kinds[f.commissioner_id] = f.commissioner_kind
        targets = f.domains if by == "domain" else (f.cohorts or ("",))
        if by == "domain" and f.clinical:
            targets = (CLINICAL,)  # entry points, not social support: no domain's money
        for t in targets or ("",):
            pairs[(f.commissioner_id, t)] += f.value / len(targets or ("",))

    def target_name(t: str) -> str:
        if t == CLINICAL:
            return "Clinical services (not social support)"
        if not t:
            return "No named cohort" if by == "cohort" else "No life domain"
        return DOMAIN_NAMES.get(t, t) if by == "domain" else names.cohorts.get(t, t)

    what = "life domain" if by == "domain" else "cohort"
    flows_t = Table("flows", f"Money from each commissioner to each {what} a year (the "
                    "diagram as a table)", ["Commissioner", what.capitalize(),
                                            "Annual value", "Share of all spend"],
                    empty="No current contracts.")
    ordered = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    flows_t.add_each(ordered, lambda kv: (
        link(comm_names[kv[0][0]], "commissioner", kv[0][0]),
        link(target_name(kv[0][1]), "cohort", kv[0][1]) if by == "cohort" and kv[0][1]
        else text(target_name(kv[0][1])), money(kv[1]),
        share(kv[1] / res.total if res.total else None)))
    diagram = sankey.render(
        [sankey.Flow(c, comm_names[c], t or "-", target_name(t), v,
                     label("commissioner_kind", comm_kinds.get(c)) or "Other")
         for (c, t), v in ordered],
        f"Funding flows from commissioners to {what}s",
        f"{len(comm_names)} commissioners pay £{res.total:,.0f} a year through current "
        f"contracts; the table below lists every flow.")
    by_comm = Table("by-commissioner", "Spend by commissioner",
                    ["Commissioner", "Annual spend", "Share"])
    for tot in res.by_commissioner:
        by_comm.add(link(tot.name, "commissioner", tot.id), money(tot.spend), share(tot.share))
    by_dom = Table("by-domain", "Spend on social support by life domain (a service's value "
                   "split equally across its domains; clinical services left out)",
                   ["Life domain", "Annual spend", "Share of social-support spend"])
    for tot in res.by_domain:
        by_dom.add(DOMAIN_NAMES.get(tot.id, tot.id), money(tot.spend), share(tot.share))
    if res.clinical_total:
        by_dom.add("Clinical services (left out of the shares)", money(res.clinical_total),
                   text("not counted"))
    by_coh = Table("per-head", "Spend per head by cohort (money reaching the cohort divided "
                   "by its estimated size)",
                   ["Cohort", "Annual spend", "Estimated size", "Spend per head", "Services"],
                   empty="No service names a cohort.")
    by_coh.add_each(res.by_cohort, lambda spend: (
        link(spend.name, "cohort", spend.cohort_id), money(spend.spend),
        number(spend.estimated_size), money(spend.per_head),
        ", ".join(names.services.get(s, s) for s in spend.services)))
    by_svc = Table("by-service", "Spend by service, largest first",
                   ["Service", "Annual spend", "Share"])
    by_svc.add_each(res.by_service, lambda tot: (
        link(tot.name, "service", tot.id), money(tot.spend), share(tot.share)))
    conc = res.concentration
    conc_t = Table("concentration", "How concentrated the money is", ["Measure", "Value"])
    conc_t.add("Social-support services with a current contract (clinical left out)",
               number(conc.services))
    conc_t.add("Share of spend going to the top 10% of services", share(conc.top_decile_share))
    conc_t.add("Fewest services that take half the money", number(conc.services_for_half))
    conc_t.add("Herfindahl-Hirschman index (0 to 10,000)", number(conc.hhi))
    return _page("commissioner/funding.html",
                 [flows_t, by_comm, by_dom, by_coh, by_svc, conc_t], "funding",
                 result=res, areas=areas, area=area, by=by, diagram=diagram, errors=errors)


SERVICE_LIST_LIMIT = 300  # more services than this: list them only for a chosen area


def _service_choices(errors: dict[str, str], chosen: Sequence[str]
                     ) -> tuple[list[choices.Choice], set[str], list[choices.Choice], str]:
    """The services a form lists (all, or those of the chosen `area`, plus any already
    chosen), every known service id, the areas, and the area chosen. With no area and more
    than SERVICE_LIST_LIMIT services (a county) only those already chosen are listed: the
    page asks for an area instead of sending thousands of choices."""
    eco = get_ecosystem()
    everything = eco.service_choices()
    known = {s.id for s in everything}
    areas = eco.area_choices()
    area = _area_arg(areas, errors, "Choose an area from the list, or all areas.")
    if not area:
        if len(everything) <= SERVICE_LIST_LIMIT:
            return everything, known, areas, ""
        listed = set(chosen)
    else:
        listed = {s.id for s in eco.service_choices(area)} | set(chosen)
    return [s for s in everything if s.id in listed], known, areas, area


# --- Pathway ----------------------------------------------------------------------------------

def _number_arg(name: str, default: float, low: float, high: float, message: str,
                errors: dict[str, str]) -> float:
    raw = _arg(name)
    if not raw:
        return default
    try:
        value = float(raw.replace(",", "").lstrip("£"))
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        errors[name] = message
        return default
    return value


@bp.get("/pathway", endpoint="pathway")
def pathway_page() -> ResponseReturnValue:
    eco = get_ecosystem()
    errors: dict[str, str] = {}
    asked = "step" in request.args
    steps = [s.strip()[:MAX_ID] for s in request.args.getlist("step")][:PATHWAY_STEPS]
    # The default chain is listed too, so the form can show it chosen.
    services, known, areas, area = _service_choices(errors, steps if asked
                                                    else DEFAULT_PATHWAY)
    if not asked:
        steps = [s for s in DEFAULT_PATHWAY if s in known]
        if len(steps) != len(DEFAULT_PATHWAY):
            steps = []
    for i, s in enumerate(steps):
        if s and s not in known:
            errors[f"step-{i + 1}"] = f"Choose the service for step {i + 1} from the list."
    chain = [s for s in steps if s and s in known]
    if "run" in request.args and len(chain) < 2 and not errors:
        errors["step-1"] = "Choose at least two services, in the order people move through them."
    cost = _number_arg("bed_day_cost", eco.settings.bed_day_cost, 0, 100_000,
                       "Enter a cost per bed-day in pounds, like 385.", errors)
    target = int(_number_arg("target_days", 0, 0, 3650,
                             "Enter a whole number of days from 0 to 3650, like 7.", errors))
    slots = (steps + [""] * PATHWAY_STEPS)[:PATHWAY_STEPS]
    suggested = [(" → ".join(c.names), c.people,
                  url_for("commissioner.pathway", run=1, step=list(c.service_ids)))
                 for c in eco.pathway_suggestions()]
    context: dict[str, Any] = {"services": services, "slots": slots, "errors": errors,
                               "suggested": suggested, "threshold": eco.disclosure.threshold,
                               "areas": areas, "area": area, "all_services": len(known),
                               "ask_area": not area and len(known) > SERVICE_LIST_LIMIT,
                               "bed_day_cost": _arg("bed_day_cost") or f"{cost:g}",
                               "target_days": _arg("target_days") or str(target)}
    if errors or len(chain) < 2:
        return render_template("commissioner/pathway.html", result=None, tables={},
                               csv_for=None, **context)
    res = eco.pathway(chain, bed_day_cost=cost, target_days=target)
    t = Table("steps", "Each step of the pathway, in order",
              ["Step", "Status", "Declared wait (days)",
               "Observed median wait (days)", "Wait used (days)", "Capacity", "People started",
               "Referred, never started", "Referral route from the step before",
               "Delayed bed-days per person", "Cost of delay per person", "Waiting now",
               "Delayed days accrued by those waiting", "Cost of their delay so far"])
    for step in res.steps:
        neck = res.bottleneck is not None and step.service_id == res.bottleneck.service_id
        name = f"{step.order}. {step.name}" + (" (bottleneck)" if neck else "")
        t.add(Cell(name, href=link(step.name, "service", step.service_id).href,
                   csv=f"{step.order}. {step.name} ({step.service_id})"),
              text(step.status or "not recorded"), number(step.declared_wait),
              number(step.observed_wait, "not shown: too few people" if step.wait_withheld
                     else "none observed"), number(step.wait),
              number(step.capacity),
              people(step.started), people(step.not_started),
              "first step" if step.order == 1 else
              ("Yes" if step.linked else "No: no known referral route"),
              number(step.delayed_bed_days), money(step.cost_per_person),
              people(step.waiting_now),
              number(step.waiting_delayed_days, "not shown" if step.waiting_now.value != 0
                     else "nobody waiting"),
              money(step.waiting_cost) if step.waiting_cost is not None
              else Cell("not shown" if step.waiting_delayed_days is None
                        and step.waiting_now.value != 0 else "not in a bed", numeric=True,
                        csv=""))
    return _page("commissioner/pathway.html", [t], "pathway", result=res, **context)


# --- What if ----------------------------------------------------------------------------------

@bp.get("/what-if", endpoint="whatif")
def whatif_page() -> ResponseReturnValue:
    eco = get_ecosystem()
    commissioners = eco.commissioner_choices()
    errors: dict[str, str] = {}
    raw = [s.strip()[:MAX_ID] for s in request.args.getlist("service")]
    services, known, areas, area = _service_choices(errors, raw)
    chosen = raw[:len(known) + 1]
    unknown = [s for s in chosen if s not in known]
    if unknown:
        errors["services"] = "Choose services from the list."
    chosen = [s for s in chosen if s in known]
    comm = _chosen("commissioner", commissioners, errors, "commissioner",
                   "Choose a commissioner from the list, or none.")
    asked = "run" in request.args
    if asked and not chosen and not comm and not errors:
        errors["services"] = "Choose at least one service to decommission, or a commissioner " \
                             "to withdraw."
    context: dict[str, Any] = {"services": services, "commissioners": commissioners,
                               "areas": areas, "area": area, "all_services": len(known),
                               "ask_area": not area and len(known) > SERVICE_LIST_LIMIT,
                               "chosen": set(chosen), "commissioner": comm, "errors": errors}
    if errors or not asked or not (chosen or comm):
        return render_template("commissioner/whatif.html", result=None, tables={},
                               csv_for=None, **context)
    res = eco.what_if(chosen, comm or None)
    names = eco.names()
    removed = Table("removed", "Services removed, with the people currently using them and "
                    "the money released", ["Service", "People currently using it",
                                           "Annual value released",
                                           "People with no other service to go to"],
                    empty="No service is removed.")
    for r in res.removed:
        removed.add(link(r.name, "service", r.service_id), people(r.people),
                    money(r.annual_value) if r.annual_value is not None
                    else Cell("no current contract", numeric=True, csv=""),
                    people(r.no_alternative))
    moves = Table("alternatives", "Other services the people losing a service could move to",
                  ["Service removed", "Could move to", "Of them, people it could take",
                   "Capacity (places)", "Declared wait (days)"],
                  empty="Nobody currently using a removed service has another service of "
                        "the same domain and type to go to.")
    for r in res.removed:
        for a in r.alternatives:
            moves.add(link(r.name, "service", r.service_id),
                      link(a.name, "service", a.service_id), people(a.people),
                      number(a.capacity), number(a.waiting_days))
    reduced = Table("reduced", "Co-funded services that lose this commissioner's money but "
                    "stay", ["Service", "Annual value lost"],
                    empty="No co-funded service loses money.")
    for r in res.reduced:
        reduced.add(link(r.name, "service", r.service_id), money(r.annual_value))
    orph = Table("newly-orphaned", "Cohort needs that become orphaned",
                 ["Cohort", "Life domain", "Estimated need", "Why"],
                 empty="No cohort need becomes orphaned.")
    for n in res.newly_orphaned:
        orph.add(_cohort(n), DOMAIN_NAMES.get(n.domain, n.domain), number(n.estimated), n.why)
    under = Table("newly-under-served", "Cohort needs that become under-served",
                  ["Cohort", "Life domain", "Estimated need", "Capacity left",
                   "Capacity as a share of need"],
                  empty="No cohort need becomes under-served.")
    for n in res.newly_under_served:
        under.add(_cohort(n), DOMAIN_NAMES.get(n.domain, n.domain), number(n.estimated),
                  number(n.capacity), share(n.ratio))
    links = Table("links-lost", "Referral links lost", ["From", "To", "Note"],
                  empty="No referral link is lost.")
    for lk in res.links_lost:
        links.add(link(names.services.get(lk.from_id, lk.from_id), "service", lk.from_id),
                  link(names.services.get(lk.to_id, lk.to_id), "service", lk.to_id),
                  lk.note or "")
    routes = Table("routes-broken", "Referral routes that only ran through a removed service",
                   ["From", "To", "Ran through"], empty="No other referral route breaks.")
    for b in res.routes_broken:
        routes.add(link(b.from_name, "service", b.from_id), link(b.to_name, "service", b.to_id),
                   names.services.get(b.through, b.through))
    return _page("commissioner/whatif.html",
                 [removed, reduced, moves, orph, under, links, routes],
                 "what-if", result=res, **context)


# --- Outcomes ---------------------------------------------------------------------------------

def _outcome_cells(o: Outcomes) -> list[Cell]:
    return [people(o.started), people(o.reached),
            share(o.rate) if o.rate is not None else Cell(
                "not shown" if o.started.value != 0 else "none started", numeric=True, csv=""),
            number(o.median_days, "not shown" if o.reached.value != 0 else "none reached"),
            people(o.in_year), money(o.annual_value),
            money(o.cost_per_outcome) if o.cost_per_outcome is not None
            else Cell("not shown", numeric=True, csv=""), text(o.why)]


OUTCOME_COLUMNS = ["People started", "Outcomes reached", "Outcome rate",
                   "Median days to outcome", "Outcomes in the last year",
                   "Annual value of current contracts", "Cost per outcome", "Why"]


@bp.get("/outcomes", endpoint="outcomes")
def outcomes_page() -> ResponseReturnValue:
    eco = get_ecosystem()
    areas = eco.area_choices()
    errors: dict[str, str] = {}
    area = _area_arg(areas, errors, "Choose an area from the list, or all areas.")
    res = eco.outcomes(area or None)
    why = frozenset({len(OUTCOME_COLUMNS)})  # the why column: in the CSV only
    svc = Table("services", "Outcomes by service, highest outcome rate first",
                ["Service", *OUTCOME_COLUMNS], csv_only=why,
                empty="No journeys with a start at any service here.")
    svc.add_each(res.services, lambda o: [link(o.name, "service", o.id), *_outcome_cells(o)])
    side = Table("side-by-side", "Services giving the same type of support in the same life "
                 "domain, side by side (lowest cost per outcome first)",
                 ["Service", "Life domain", "Type of support", *OUTCOME_COLUMNS],
                 csv_only=frozenset({3 + len(OUTCOME_COLUMNS) - 1}),
                 empty="No two services with people started share a life domain and a type "
                       "of support.")
    side.add_each([(c, o) for c in res.comparisons for o in c.services], lambda co: [
        link(co[1].name, "service", co[1].id), DOMAIN_NAMES.get(co[0].domain, co[0].domain),
        TYPE_NAMES.get(co[0].type, co[0].type), *_outcome_cells(co[1])])
    models = Table("models", "Outcomes by model of support", ["Model of support",
                                                              *OUTCOME_COLUMNS],
                   csv_only=why, empty="No service following a model of support has "
                                       "people started.")
    models.add_each(res.models, lambda o: [link(o.name, "model", o.id), *_outcome_cells(o)])
    domains = Table("domains", "Outcomes by life domain (a person counts once in a domain)",
                    ["Life domain", *OUTCOME_COLUMNS], csv_only=why,
                    empty="No journeys with a start at any service here.")
    domains.add_each(res.domains, lambda o: [text(o.name), *_outcome_cells(o)])
    return _page("commissioner/outcomes.html", [svc, side, models, domains], "outcomes",
                 result=res, areas=areas, area=area, errors=errors)


# --- Unmet demand (issue 14) ------------------------------------------------------------------

@bp.get("/unmet-demand", endpoint="unmet_demand")
def unmet_demand_page() -> ResponseReturnValue:
    """The unmet needs key workers recorded, counted by life domain, area, reason and month
    (each count of people through the disclosure policy); every table as CSV."""
    res = get_ecosystem().unmet_demand()
    tables = []
    for id, caption, column, groups in (
            ("by-domain", "Unmet needs by life domain", "Life domain", res.by_domain),
            ("by-area", "Unmet needs by area", "Area", res.by_area),
            ("by-reason", "Unmet needs by reason", "Reason", res.by_reason),
            ("by-month", "Unmet needs by month recorded", "Month", res.by_month)):
        t = Table(id, caption, [column, "Unmet needs recorded"],
                  empty="No unmet need has been recorded.")
        for g in groups:
            t.add(link(g.label, "area", g.key) if id == "by-area" else text(g.label),
                  people(g.count))
        tables.append(t)
    cells = Table("all", "Every month, area, life domain and reason", [
        "Month", "Area", "Life domain", "Reason", "Unmet needs recorded"],
        empty="No unmet need has been recorded.", limit=None)
    for c in res.cells:
        cells.add(c.month, c.area_name, DOMAIN_NAMES.get(c.domain, c.domain),
                  label("unmet_reason", c.reason), people(c.count))
    tables.append(cells)
    return _page("commissioner/unmet_demand.html", tables, "unmet-demand", result=res)
