"""`ecosystem analyse ...`: one subcommand per analysis, as a table, JSON or CSV."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

import click

from ecosystem import dates, exports
from ecosystem.analyses.eligibility import Profile
from ecosystem.analyses.suppression import Count
from ecosystem.cli.common import friendly_errors, open_ecosystem
from ecosystem.vocabulary import (
    AGE_BANDS,
    BENEFIT_STATUSES,
    DOMAIN_IDS,
    DOMAIN_NAMES,
    HOUSING_STATUSES,
    SEVERITIES,
    TYPE_NAMES,
)

Rows = list[dict[str, Any]]
FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                      default="table", show_default=True)
TODAY = click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
                     help="Evaluate as of this date (default: today).")


JSON_PROPERTIES = ("why", "ratio", "partly_met", "what")  # and an outcome row's why


def jsonable(obj: Any) -> Any:
    if isinstance(obj, Count):
        return obj.as_json()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        # Worked-out answers the docs promise (a cohort need's why and ratio) go out too.
        for name in JSON_PROPERTIES:
            if isinstance(getattr(type(obj), name, None), property):
                out[name] = jsonable(getattr(obj, name))
        return out
    if isinstance(obj, dict):
        return {("|".join(k) if isinstance(k, tuple) else str(k)): jsonable(v)
                for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [jsonable(v) for v in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def emit(result: Any, rows: Rows, fmt: str, title: str = "") -> None:
    if fmt == "json":
        click.echo(json.dumps(jsonable(result), indent=2))
        return
    flat = [{k: _cell(v) for k, v in r.items()} for r in rows]
    # Columns of rounded counts of people say so (in the CSV header, under the table).
    rounded = {k: v.rounded_to for r in rows for k, v in r.items()
               if isinstance(v, Count) and v.rounded}
    if fmt == "csv":
        if flat:
            header = [k + (f" (rounded to nearest {rounded[k]})" if k in rounded else "")
                      for k in flat[0]]
            click.echo(exports.csv_text([list(r.values()) for r in flat], header=header),
                       nl=False)
        return
    if title:
        click.echo(title)
    if not flat:
        click.echo("(nothing found)")
        return
    cols = list(flat[0])
    widths = {c: min(60, max(len(c), *(len(r[c]) for r in flat))) for c in cols}
    click.echo("  ".join(c.ljust(widths[c]) for c in cols))
    click.echo("  ".join("-" * widths[c] for c in cols))
    for r in flat:
        click.echo("  ".join(r[c][: widths[c]].ljust(widths[c]) for c in cols))
    if rounded or any(isinstance(v, Count) and v.suppressed for r in rows for v in r.values()):
        note = (f"{', '.join(sorted(rounded))} rounded to the nearest "
                f"{max(rounded.values())}; " if rounded else "")
        click.echo(f'Counts of people: {note}"suppressed": too few to show (docs/security.md).')


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, Count):
        return "suppressed" if v.suppressed else str(v.value or 0)
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".")
    if isinstance(v, list | tuple):
        return "; ".join(_cell(x) for x in v)
    return str(v)


def _today(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dates.today()


def _run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    eco = open_ecosystem()
    try:
        return fn(eco, *args, **kwargs)
    except (ValueError, LookupError) as e:
        raise click.ClickException(str(e)) from None
    finally:
        eco.close()


def _person_view(fn: Callable[[Any], Any], person: str | None, what: str
                 ) -> Callable[[Any], Any]:
    """`fn`, writing a `person.view` audit entry (as the web's person pages do) once it has
    shown `person`'s data; nothing when no stored person is named."""
    def run(eco: Any) -> Any:
        result = fn(eco)
        if person:
            eco.record_audit(None, "person.view", person, what)
        return result

    return run


@click.group()
def analyse() -> None:
    """Answer the key worker's and the commissioner's questions from the graph."""


@analyse.command("options")
@click.option("--person", help="An existing pseudonymised person id (P-...).")
@click.option("--area", help="The client's area id.")
@click.option("--age", type=int)
@click.option("--age-band", type=click.Choice(AGE_BANDS))
@click.option("--need", "needs", multiple=True, type=click.Choice(DOMAIN_IDS),
              help="A life domain of need (repeat).")
@click.option("--uses", multiple=True, help="A service id the client already uses (repeat).")
@click.option("--benefit", "benefits", multiple=True, type=click.Choice(BENEFIT_STATUSES),
              help="A benefit the client gets (repeat: --benefit esa --benefit pip).")
@click.option("--housing", type=click.Choice(HOUSING_STATUSES))
@click.option("--in-work/--not-in-work", default=None)
@click.option("--offending-history/--no-offending-history", default=None)
@click.option("--severity", type=click.Choice(tuple(SEVERITIES)), default="any")
@click.option("--condition", "conditions", multiple=True)
@click.option("--show-not-eligible", is_flag=True, help="Also list services ruled out.")
@TODAY
@FORMAT
@friendly_errors
def options_cmd(person: str | None, area: str | None, age: int | None, age_band: str | None,
                needs: tuple[str, ...], uses: tuple[str, ...], benefits: tuple[str, ...],
                housing: str | None, in_work: bool | None, offending_history: bool | None,
                severity: str, conditions: tuple[str, ...], show_not_eligible: bool,
                today: dt.datetime | None, fmt: str) -> None:
    """A client's options for each need: eligible services, how to get in, wait and cost."""
    profile = None
    if not person:
        if not area:
            raise click.UsageError("give --person, or a profile with at least --area")
        lo, hi = Profile.age_range(age, age_band)
        profile = Profile(area, lo, hi, needs, uses, None, housing, in_work,
                          offending_history, severity, conditions, benefits=benefits)
    res = _run(_person_view(lambda eco: eco.options(profile, person, _today(today)),
                            person, "analyse options --person"))
    rows: Rows = []
    for n in res.needs:
        if n.unmet:
            rows.append({"need": n.domain_name, "rank": "", "service": "UNMET: no option",
                         "access": "", "evidence": "", "wait_days": "", "capacity": "",
                         "unit_cost": "", "support": "", "check": ""})
        for o in n.options:
            rows.append({"need": n.domain_name, "rank": o.rank,
                         "service": f"{o.name} ({o.service_id})", "access": o.access.text,
                         "evidence": f"{o.model_name} ({o.evidence})" if o.model_name else "",
                         "wait_days": o.waiting_days, "capacity": o.capacity,
                         "unit_cost": o.unit_cost, "support": "/".join(o.sources + o.types),
                         "check": o.caveats + ((o.stale_caveat,) if o.stale_caveat else ())})
        if show_not_eligible:
            for x in n.not_eligible:
                rows.append({"need": n.domain_name, "rank": "-",
                             "service": f"{x.name} ({x.service_id})",
                             "access": "NOT ELIGIBLE: " + "; ".join(x.reasons), "evidence": "",
                             "wait_days": "", "capacity": "", "unit_cost": "", "support": "",
                             "check": ""})
    emit(res, rows, fmt)


@analyse.command("route")
@click.argument("target")
@click.option("--from", "froms", multiple=True, help="A starting service id (repeat).")
@click.option("--person", help="Start from this person's current services.")
@click.option("--max-hops", type=click.IntRange(1, 4), default=4, show_default=True)
@FORMAT
@friendly_errors
def route_cmd(target: str, froms: tuple[str, ...], person: str | None, max_hops: int,
              fmt: str) -> None:
    """Referral routes to TARGET service, shortest first."""
    res = _run(_person_view(lambda eco: eco.route(target, froms, person, max_hops),
                            person, "analyse route --person"))
    rows = [{"hops": r.hops, "route": r.text} for r in res.routes]
    emit(res, rows, fmt, f"To {res.target_name or target}"
         + (" (also takes self-referrals)" if res.self_referral else ""))


@analyse.command("journeys")
@click.option("--from", "from_id", help="Entry service id.")
@click.option("--entry", "entry_types", multiple=True,
              help="Entry event type, e.g. admission or referral (repeat).")
@click.option("--outcome", "outcomes", multiple=True, help="Outcome wanted, e.g. tenancy.")
@click.option("--limit", type=int, default=10, show_default=True)
@FORMAT
@friendly_errors
def journeys_cmd(from_id: str | None, entry_types: tuple[str, ...], outcomes: tuple[str, ...],
                 limit: int, fmt: str) -> None:
    """The paths people took from an entry point to an outcome, and where they dropped out."""
    res = _run(lambda eco: eco.journeys(from_id, entry_types, outcomes, limit))
    rows: Rows = [{"kind": "path", "people": p.people, "steps": " -> ".join(p.services),
                   "median_days_per_step": p.median_days, "median_total_days":
                   p.median_total_days} for p in res.paths]
    rows += [{"kind": "dropped out", "people": d.people, "steps": f"{d.name} ({d.last_event})",
              "median_days_per_step": "", "median_total_days": ""} for d in res.drop_outs]
    rows += [{"kind": kind, "people": c, "steps": "(groups too small to list)",
              "median_days_per_step": "", "median_total_days": ""}
             for kind, c in (("other paths", res.other_paths),
                             ("other drop-outs", res.other_drop_outs)) if c.value != 0]
    emit(res, rows, fmt, res.why)


@analyse.command("overlaps")
@click.option("--different-commissioners", is_flag=True,
              help="Only overlaps paid for by different commissioners.")
@click.option("--area", help="Only services serving this area (a place, say), one within it "
              "or one it is part of.")
@TODAY
@FORMAT
@friendly_errors
def overlaps_cmd(different_commissioners: bool, area: str | None, today: dt.datetime | None,
                 fmt: str) -> None:
    """Duplicated provision (clusters, then their pairs), and people doubling up."""
    res = _run(lambda eco: eco.overlaps(_today(today), different_commissioners, area))
    def named(services: tuple[Any, ...], domains: tuple[str, ...], types: tuple[str, ...]
              ) -> dict[str, str]:
        """The services, domains and types in words; the service ids in their own column."""
        return {"services": " + ".join(s.name for s in services),
                "service_ids": " + ".join(s.id for s in services),
                "domain": "; ".join(DOMAIN_NAMES.get(d, d) for d in domains),
                "type": "; ".join(TYPE_NAMES.get(t, t) for t in types)}

    rows: Rows = [{"kind": "cluster", **named(c.services, c.domains, c.types),
                   "basis": f"{len(c.pairs)} pairs",
                   "different_payers": c.different_commissioners, "people": "",
                   "money": c.combined_spend, "why": c.why} for c in res.clusters]
    rows += [{"kind": "pair", **named(o.services, o.domains, o.types), "basis": o.basis,
              "different_payers": o.different_commissioners, "people": "",
              "money": o.combined_spend, "why": o.why} for o in res.catalogue]
    rows += [{"kind": "doubling up", **named(d.services, d.domains, d.types),
              "basis": "concurrent engagement",
              "different_payers": "", "people": d.people, "money": d.money_at_stake,
              "why": d.why} for d in res.doubling_up]
    emit(res, rows, fmt, "Clusters count each service's money once; pairs are the detail.")


@analyse.command("orphans")
@click.option("--months", type=int, default=6, show_default=True,
              help="Look for contracts ending within this many months.")
@click.option("--under-ratio", type=float, default=0.5, show_default=True)
@TODAY
@FORMAT
@friendly_errors
def orphans_cmd(months: int, under_ratio: float, today: dt.datetime | None, fmt: str) -> None:
    """Cohorts with a need no service meets, meets far below need, or soon won't meet."""
    res = _run(lambda eco: eco.orphans(_today(today), months, under_ratio))
    def need(cohort_id: str, cohort_name: str, domain: str) -> dict[str, str]:
        """The cohort and domain in words; the cohort's id in its own column."""
        return {"cohort": cohort_name, "cohort_id": cohort_id,
                "domain": DOMAIN_NAMES.get(domain, domain)}

    rows: Rows = [{"finding": "orphaned", **need(n.cohort_id, n.cohort_name, n.domain),
                   "estimated": n.estimated, "capacity": "", "ratio": "", "why": n.why}
                  for n in res.orphaned]
    rows += [{"finding": "partly met", **need(n.cohort_id, n.cohort_name, n.domain),
              "estimated": n.estimated, "capacity": n.capacity, "ratio": "", "why": n.why}
             for n in res.partly_met]
    rows += [{"finding": "under-served", **need(n.cohort_id, n.cohort_name, n.domain),
              "estimated": n.estimated, "capacity": n.capacity, "ratio": n.ratio, "why": n.why}
             for n in res.under_served]
    rows += [{"finding": "no contact", **need(c.cohort_id, c.cohort_name, c.domain),
              "estimated": "", "capacity": "", "ratio": c.share, "why": c.why}
             for c in res.no_contact]
    rows += [{"finding": f"orphaned from {e.last_end}",
              **need(e.need.cohort_id, e.need.cohort_name, e.need.domain),
              "estimated": e.need.estimated,
              "capacity": e.need.capacity, "ratio": "", "why": e.why} for e in res.ending]
    emit(res, rows, fmt)


@analyse.command("contracts")
@click.option("--months", type=click.IntRange(1, 60), default=12, show_default=True,
              help="List contracts ending within this many months.")
@click.option("--area", default=None, help="Only services serving this area (default: all).")
@click.option("--quarters", is_flag=True, help="Show the money per quarter instead.")
@TODAY
@FORMAT
@friendly_errors
def contracts_cmd(months: int, area: str | None, quarters: bool, today: dt.datetime | None,
                  fmt: str) -> None:
    """The contracts timeline: what ends when, renewed, continues or stops, and who depends."""
    res = _run(lambda eco: eco.contracts(_today(today), months, area))
    if quarters:
        rows: Rows = [{"quarter": q.label, "contracted": q.contracted, "ending": q.ending,
                       "stopping": q.stopping, "renewed": q.renewed} for q in res.quarters]
    else:
        rows = [{"ends": e.end_date, "contract": e.contract_id, "service": e.service_id,
                 "commissioner": e.commissioner_id, "annual_value": e.annual_value,
                 "status": e.status, "continued_by": e.continued_by or "",
                 "cohorts": "; ".join(f"{d.cohort_id}:{d.domain}" for d in e.cohorts),
                 "left_with_none": "; ".join(f"{d.cohort_id}:{d.domain}" for d in e.orphans)}
                for e in res.ends]
    emit(res, rows, fmt, f"{len(res.ends)} contract(s) end by {res.horizon}: "
                         f"{len(res.by_status('stops'))} stop, "
                         f"{len(res.by_status('renewed'))} renewed, "
                         f"{len(res.by_status('continues'))} continue")


@analyse.command("coverage")
@click.argument("area")
@click.option("--by", type=click.Choice(["source", "type"]), default="source",
              show_default=True)
@click.option("--spend", is_flag=True, help="Show spend (£/year) instead of service counts.")
@TODAY
@FORMAT
@friendly_errors
def coverage_cmd(area: str, by: str, spend: bool, today: dt.datetime | None, fmt: str) -> None:
    """Life domain x source (or type) of support in AREA, and the briefing 61 scale check."""
    res = _run(lambda eco: eco.coverage(area, _today(today)))
    m = res.by_source if by == "source" else res.by_type
    rows: Rows = [{"domain": DOMAIN_NAMES[d],
                   **{c: (m.cell(d, c).spend if spend else m.cell(d, c).count) for c in m.columns}}
                  for d in m.rows]
    emit(res, rows, fmt, f"{res.services} services, £{res.total_spend:,.0f} a year: "
                         f"£{res.own_spend:,.0f} its own, £{res.wider_spend:,.0f} from "
                         f"services serving wider (full value, not apportioned); "
                         f"{len(res.clinical_services)} clinical service(s) left out")
    if fmt == "table":
        click.echo("")
        emit(res, [{"model": s.model_name, "status": s.status, "capacity": s.capacity,
                    "need": s.estimated_need, "ratio": s.ratio} for s in res.scale], fmt,
             "IPS, Housing First and welfare advice at a scale that meets need?")


@analyse.command("funding")
@click.option("--area", help="Only services serving this area.")
@click.option("--by", type=click.Choice(["commissioner", "service", "domain", "cohort", "flow"]),
              default="commissioner", show_default=True)
@TODAY
@FORMAT
@friendly_errors
def funding_cmd(area: str | None, by: str, today: dt.datetime | None, fmt: str) -> None:
    """Where the money goes: by commissioner, service, domain, cohort, or every flow."""
    res = _run(lambda eco: eco.funding(area, _today(today)))
    rows: Rows
    if by == "flow":
        rows = [dataclasses.asdict(f) for f in res.flows]
    elif by == "cohort":
        rows = [dataclasses.asdict(c) for c in res.by_cohort]
    else:
        totals = {"commissioner": res.by_commissioner, "service": res.by_service,
                  "domain": res.by_domain}[by]
        rows = [dataclasses.asdict(t) for t in totals]
    emit(res, rows, fmt, f"£{res.total:,.0f} a year; {res.concentration.why}; "
                         f"HHI {res.concentration.hhi}")


@analyse.command("pathway")
@click.argument("services", nargs=-1, required=True)
@click.option("--bed-day-cost", type=float, default=None,
              help="£ per bed-day (default from settings: 385).")
@click.option("--bed-steps", type=int, default=1, show_default=True,
              help="With no journeys to observe: the waits of this many steps after the "
                   "first are spent in the first step's bed.")
@click.option("--target-days", type=int, default=0, show_default=True,
              help="Waits up to this are not counted as delay.")
@FORMAT
@friendly_errors
def pathway_cmd(services: Sequence[str], bed_day_cost: float | None, bed_steps: int,
                target_days: int, fmt: str) -> None:
    """Wait at each step of a pathway of SERVICES, the bottleneck and the cost of delay."""
    res = _run(lambda eco: eco.pathway(services, bed_day_cost, bed_steps, target_days))
    rows: Rows = [{"step": s.order, "service": f"{s.name} ({s.service_id})",
                   "declared_wait": s.declared_wait, "observed_wait": s.observed_wait,
                   "capacity": s.capacity, "started": s.started,
                   "referred_not_started": s.not_started, "delay_cost_per_person":
                   s.cost_per_person, "waiting_now": s.waiting_now,
                   "waiting_delayed_days": s.waiting_delayed_days,
                   "waiting_cost": s.waiting_cost} for s in res.steps]
    total = f"£{res.total_cost:,.0f}" if res.total_cost is not None else "suppressed"
    year = (f", about £{res.cost_per_year:,.0f} a year (data from {res.period_from} to "
            f"{res.today})" if res.cost_per_year is not None and res.period_from else "")
    emit(res, rows, fmt, f"{res.why}; delay cost £{res.cost_per_person:,.0f} per person, "
                         f"{total} in all{year}")


@analyse.command("what-if")
@click.option("--decommission", "services", multiple=True, help="A service id (repeat).")
@click.option("--withdraw", "commissioner", help="A commissioner id.")
@TODAY
@FORMAT
@friendly_errors
def whatif_cmd(services: tuple[str, ...], commissioner: str | None,
               today: dt.datetime | None, fmt: str) -> None:
    """What breaks if services close or a commissioner withdraws."""
    if not services and not commissioner:
        raise click.UsageError("give --decommission SERVICE and/or --withdraw COMMISSIONER")
    res = _run(lambda eco: eco.what_if(services, commissioner, _today(today)))
    rows: Rows = [{"effect": "service removed", "what": r.service_id, "detail":
                   f"{r.people.words()} people currently engaged; "
                   + (f"£{r.annual_value:,.0f} a year released" if r.annual_value is not None
                      else "no current contract")
                   + f"; {r.no_alternative.words()} with no other service to go to"}
                  for r in res.removed]
    rows += [{"effect": "could move to", "what": f"{r.service_id} -> {a.service_id}",
              "detail": f"{a.people.words()} of them eligible; {a.capacity} places"}
             for r in res.removed for a in r.alternatives]
    rows += [{"effect": "loses funding", "what": r.service_id,
              "detail": f"£{r.annual_value:,.0f}"} for r in res.reduced]
    rows += [{"effect": "newly orphaned", "what": f"{n.cohort_id} / {n.domain}",
              "detail": n.why} for n in res.newly_orphaned]
    rows += [{"effect": "newly under-served", "what": f"{n.cohort_id} / {n.domain}",
              "detail": n.why} for n in res.newly_under_served]
    rows += [{"effect": "referral link lost", "what": f"{lk.from_id} -> {lk.to_id}",
              "detail": lk.note or ""} for lk in res.links_lost]
    rows += [{"effect": "route broken", "what": f"{b.from_id} -> {b.to_id}",
              "detail": f"only went through {b.through}"} for b in res.routes_broken]
    emit(res, rows, fmt, res.why)


@analyse.command("outcomes")
@click.option("--area", help="Only services serving this area (a place, say), one within it "
              "or one it is part of.")
@click.option("--by", type=click.Choice(["all", "service", "model", "domain", "side-by-side"]),
              default="all", show_default=True,
              help="Which rows: services, models of support, life domains, services of the "
                   "same domain and type side by side, or all of them.")
@TODAY
@FORMAT
@friendly_errors
def outcomes_cmd(area: str | None, by: str, today: dt.datetime | None, fmt: str) -> None:
    """Outcomes reached, outcome rate, days to outcome and cost per outcome per service,
    model of support and life domain."""
    res = _run(lambda eco: eco.outcomes(area, _today(today)))

    def row(kind: str, o: Any, group: str = "") -> dict[str, Any]:
        return {"kind": kind, "id": o.id, "name": o.name, "compared_in": group,
                "started": o.started, "reached": o.reached, "rate": o.rate,
                "median_days": o.median_days, "outcomes_last_year": o.in_year,
                "annual_value": o.annual_value, "cost_per_outcome": o.cost_per_outcome,
                "why": o.why}

    rows: Rows = []
    if by in ("all", "side-by-side"):
        rows += [row("side by side", o, f"{c.domain}/{c.type}") for c in res.comparisons
                 for o in c.services]
    if by in ("all", "service"):
        rows += [row("service", o) for o in res.services]
    if by in ("all", "model"):
        rows += [row("model", o) for o in res.models]
    if by in ("all", "domain"):
        rows += [row("domain", o) for o in res.domains]
    emit(res, rows, fmt, res.why + "; cost per outcome = annual value of current contracts / "
                                   "outcomes in the last year")
