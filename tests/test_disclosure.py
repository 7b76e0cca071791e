"""Disclosure control (issue 16 §1, docs/security.md "Disclosure control").

First the failures the issue found, reproduced through the pages and the CLI as an attacker
would use them (so they read only what is published). Then the adversary: property-based
tests that build small graphs (groups of 0-12 people on routes through a few services),
run the aggregate outputs and try the known attacks. An attacker knows the policy: a
suppressed count is 1..7, a count rounded to the nearest 5 is within 2 of its value, zero is
exact (`Disclosure.interval`). No count from 1 to 7 may be pinned to one value.
(A module of its own: these tests clear the graph, see conftest.)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from builders import N1, base_rows, load
from click.testing import CliRunner
from conftest import cli_env
from flask.testing import FlaskClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ecosystem import Ecosystem, dates
from ecosystem.analyses import journeys, orphans, outcomes, overlaps, pathway, whatif
from ecosystem.analyses.suppression import NHS_RULE, Count, Disclosure
from ecosystem.cli import cli

T = NHS_RULE.threshold
START = dt.date(2025, 1, 6)
POOL = ("WARD", "HF", "IPS", "DWPWORK", "ADVICE")
Interval = tuple[int, int | None]


# --- What an attacker can infer ---------------------------------------------------------------

def read(text: str, rounded_to: int = 1) -> Interval:
    """A published cell as an attacker reads it: "suppressed" is 1..7; a number is exact
    unless its column says it is rounded."""
    text = text.strip().replace(",", "")
    if text == "suppressed":
        return 1, T
    v = int(float(text))
    if rounded_to == 1 or v == 0:
        return v, v
    return max(T + 1, v - rounded_to // 2), v + (rounded_to - 1) // 2


def hidden_values(total: Interval, visible: list[Interval], hidden: int) -> set[int]:
    """Total minus the visible cells: the values one of `hidden` suppressed cells (each 1..7)
    can take. One value means it is pinned."""
    hi_total = total[1] if total[1] is not None else 10**9
    s_lo = total[0] - sum(b if b is not None else 10**9 for _, b in visible)
    s_hi = hi_total - sum(a for a, _ in visible)
    return {v for v in range(1, T + 1)
            if s_lo - (hidden - 1) * T <= v <= s_hi - (hidden - 1)}


def difference(a: Interval, b: Interval) -> set[int]:
    """a - b (two routes to the same group, a filter with and without one service, a
    complement of a share): the values it can take (at least 0; up to 30 listed)."""
    lo = max(0, a[0] - (b[1] if b[1] is not None else 10**9))
    hi = (a[1] if a[1] is not None else 10**9) - b[0]
    return set(range(lo, min(hi, lo + 30) + 1))


def assert_not_pinned(values: set[int], what: str) -> None:
    assert not (len(values) == 1 and 1 <= next(iter(values)) <= T), \
        f"{what}: pinned to {values}"


def counts(obj: Any) -> Iterator[Count]:
    """Every count of people in a result."""
    if isinstance(obj, Count):
        yield obj
    elif isinstance(obj, tuple | list):
        for v in obj:
            yield from counts(v)
    elif hasattr(obj, "__dataclass_fields__"):
        for name in obj.__dataclass_fields__:
            yield from counts(getattr(obj, name))


def assert_policy(c: Count, policy: Disclosure = NHS_RULE) -> None:
    """Published: suppressed, zero, or a multiple of the rounding above the threshold."""
    if c.suppressed:
        assert c.value is None
    elif c.value:
        assert c.value % policy.rounding == 0 and c.value > policy.threshold, c
        assert c.rounded_to == policy.rounding


def iv(c: Count) -> Interval:
    return NHS_RULE.interval(c)


# --- Graphs -----------------------------------------------------------------------------------

Group = tuple[tuple[str, ...], int, bool]  # route, people, reach a tenancy at the end


def rows_for(groups: list[Group]) -> dict[str, list[dict[str, Any]]]:
    """People on routes through services: referred from the step before and started 5-17
    days later (each person a different wait), all still engaged; every person is in the
    ESA cohort with a work need (so starting IPS or DWPWORK is contact)."""
    people: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for g, (route, size, reach) in enumerate(groups):
        for i in range(size):
            p = f"g{g}-{i}"
            people.append({"person_ref": p, "age_band": "35-44", "area_id": N1,
                           "cohorts": "COH-ESA", "needs": "work", "benefit_status": "esa"})
            day = 0
            for j, sid in enumerate(route):
                if j == 0:
                    events.append(_ev(f"{p}-{j}s", p, sid,
                                      "admission" if sid == "WARD" else "start", day))
                    continue
                events.append(_ev(f"{p}-{j}r", p, sid, "referral", day + 1,
                                  referred_from_service_id=route[j - 1]))
                day += 1 + 5 + (3 * i + g) % 13
                events.append(_ev(f"{p}-{j}s", p, sid, "start", day))
            if reach:
                events.append(_ev(f"{p}-o", p, route[-1], "outcome", day + 10,
                                  outcome="tenancy"))
    return {"people": people, "journey_events": events}


def _ev(ref: str, person: str, service: str, type_: str, day: int, **kw: str) -> dict[str, Any]:
    return {"event_ref": ref, "person_ref": person, "service_id": service, "type": type_,
            "date": (START + dt.timedelta(days=day)).isoformat(), **kw}


def build(eco: Ecosystem, groups: list[Group]) -> None:
    eco.clear()
    eco.init()
    load(eco, base_rows())
    load(eco, rows_for(groups))


group = st.tuples(st.lists(st.sampled_from(POOL), min_size=1, max_size=3, unique=True)
                  .map(tuple), st.integers(0, 12), st.booleans())
areas = st.lists(group, min_size=1, max_size=4)


# --- The failures, as an attacker would try them ------------------------------------

def _csv(client: FlaskClient, url: str) -> tuple[list[str], list[list[str]]]:
    resp = client.get(url)
    assert resp.status_code == 200, url
    rows = list(csv.reader(io.StringIO(resp.get_data().decode("utf-8-sig"))))
    return rows[0], rows[1:]


def _col(header: list[str], start: str) -> tuple[int, int]:
    """The column whose header starts with `start`, and the rounding it declares."""
    i = next(i for i, h in enumerate(header) if h.startswith(start))
    m = re.search(r"rounded to nearest (\d+)", header[i])
    return i, int(m.group(1)) if m else 1


def test_what_if_total_does_not_reveal_a_suppressed_row(client: FlaskClient,
                                                        eco: Ecosystem) -> None:
    build(eco, [(("WARD",), 20, False), (("ADVICE",), 4, False)])
    url = "/commissioner/what-if?run=1&service=WARD&service=ADVICE"
    header, rows = _csv(client, url + "&format=csv&table=removed")
    i, r = _col(header, "People currently using it")
    cells = {row[0]: row[i] for row in rows}
    assert cells["Council housing advice (ADVICE)"] == "suppressed"
    html = client.get(url).get_data(as_text=True)
    m = re.search(r"([\d,]+|suppressed)( \(rounded to the nearest (\d+)\))? people lose", html)
    assert m, html
    total = read(m.group(1), int(m.group(3) or 1))
    assert_not_pinned(hidden_values(total, [read(cells["Acute ward (WARD)"], r)], 1),
                      "what-if total minus the visible row")


def test_no_median_or_cost_from_a_suppressed_pathway_step(client: FlaskClient,
                                                          eco: Ecosystem) -> None:
    build(eco, [(("WARD", "HF"), 2, False)])
    header, rows = _csv(client, "/commissioner/pathway?run=1&step=WARD&step=HF"
                                "&format=csv&table=steps")
    started, _ = _col(header, "People started")
    median, _ = _col(header, "Observed median wait")
    assert rows[1][started] == "suppressed"
    assert rows[1][median] == "", "a median of 2 people's waits is shown"
    res = pathway.run(eco.graph, ["WARD", "HF"], bed_day_cost=385.0, disclosure=eco.disclosure)
    assert res.steps[1].observed_wait is None and res.steps[1].wait_withheld
    assert res.steps[1].wait == 30  # HF's declared wait, not the 2 people's
    assert res.total_cost is None


def test_two_routes_to_one_group_do_not_difference(client: FlaskClient,
                                                   eco: Ecosystem) -> None:
    build(eco, [(("IPS", "DWPWORK"), 20, False), (("DWPWORK",), 5, False)])

    def started(a: str, b: str, step: int) -> Interval:
        header, rows = _csv(client, f"/commissioner/pathway?run=1&step={a}&step={b}"
                                    "&format=csv&table=steps")
        i, r = _col(header, "People started")
        return read(rows[step][i], r)

    after_ips = started("IPS", "DWPWORK", 1)  # started DWPWORK, of those at IPS
    everyone = started("DWPWORK", "IPS", 0)  # started DWPWORK
    assert_not_pinned(difference(everyone, after_ips), "B->A step 1 minus A->B step 2")


def test_no_contact_complement_is_not_recoverable(client: FlaskClient,
                                                  eco: Ecosystem) -> None:
    build(eco, [(("HF",), 10, False), (("IPS",), 2, False)])  # 12 with a work need
    header, rows = _csv(client, "/commissioner/orphans?format=csv&table=no-contact")
    row = next(r for r in rows if r[1] == "Work and education")
    w, rw = _col(header, "People with the need")
    n, rn = _col(header, "With no contact")
    assert_not_pinned(difference(read(row[w], rw), read(row[n], rn)),
                      "members with the need minus those with no contact")


def _cli(eco: Ecosystem, tmp_path: Path, *args: str) -> str:
    env = cli_env(eco, tmp_path)
    result = CliRunner().invoke(cli, ["analyse", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def _json_count(v: Any) -> Interval:
    """A count in the CLI's JSON as an attacker reads it (either the old or the new form)."""
    if isinstance(v, dict):
        return read("suppressed" if v["suppressed"] else str(v["value"]),
                    v["rounded_to"] or 1)
    return read(str(v))


def test_cli_journeys_do_not_list_single_people(eco: Ecosystem, tmp_path: Path) -> None:
    build(eco, [(("WARD", "HF"), 10, True), (("WARD", "ADVICE"), 1, True),
                (("WARD", "IPS"), 1, True), (("WARD", "DWPWORK"), 1, True)])
    data = json.loads(_cli(eco, tmp_path, "journeys", "--from", "WARD", "--outcome",
                           "tenancy", "--limit", "30", "--format", "json"))
    for p in data["paths"]:
        people = _json_count(p["people"])
        assert people[0] > T, f"a path of {people} people is listed: {p}"
    hidden = [_json_count(p["people"]) for p in data["paths"]]
    small = sum(1 for h in hidden if h == (1, T))
    visible = [h for h in hidden if h != (1, T)]
    if small:
        assert_not_pinned(hidden_values(_json_count(data["reached"]), visible, small),
                          "reached minus the listed paths")
    table = _cli(eco, tmp_path, "journeys", "--from", "WARD", "--outcome", "tenancy")
    assert "rounded to the nearest 5" in table


# --- The adversary ----------------------------------------------------------------------------

EXAMPLES = settings(max_examples=20, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def check_partition(total: Count, cells: list[Count], what: str) -> None:
    hidden = sum(1 for c in cells if c.suppressed)
    if hidden:
        assert_not_pinned(hidden_values(iv(total), [iv(c) for c in cells if not c.suppressed],
                                        hidden), what)


@EXAMPLES
@given(groups=areas)
def test_adversary_on_the_analyses(eco: Ecosystem, groups: list[Group]) -> None:
    build(eco, groups)
    policy = eco.disclosure
    assert policy == NHS_RULE
    used = sorted({s for route, n, _ in groups if n for s in route}) or ["WARD"]
    results: list[Any] = []

    # What-if: total minus the visible rows; with and without one service.
    every = whatif.run(eco.graph, used, disclosure=policy)
    results.append(every)
    check_partition(every.people_affected, [r.people for r in every.removed], "what-if")
    for sid in used:
        without = whatif.run(eco.graph, [s for s in used if s != sid], disclosure=policy)
        one = next(r.people for r in every.removed if r.service_id == sid)
        if not every.people_affected.suppressed and (without.removed and not
                                                     without.people_affected.suppressed):
            assert_not_pinned(difference(iv(every.people_affected),
                                         iv(without.people_affected)) & set(
                range(iv(one)[0], (iv(one)[1] or 10**6) + 1)), f"what-if without {sid}")
        results.append(without)

    # Pathways: A->B against B->A; no statistic from a suppressed step.
    for a in used:
        for b in used:
            if a == b:
                continue
            ab = pathway.run(eco.graph, [a, b], bed_day_cost=385.0, disclosure=policy)
            ba = pathway.run(eco.graph, [b, a], bed_day_cost=385.0, disclosure=policy)
            results += [ab, ba]
            assert_not_pinned(difference(iv(ba.steps[0].started), iv(ab.steps[1].started)),
                              f"{b} alone minus {a}->{b}")
            for s in ab.steps:
                if s.observed_wait is not None:
                    assert not s.started.suppressed and s.started.value, s
                if s.waiting_delayed_days is not None:  # no days from a few waiting
                    assert not s.waiting_now.suppressed and s.waiting_now.value, s
            if ab.total_cost is not None:  # from published counts only
                assert ab.total_cost == sum(s.cost_per_person * (s.started.value or 0)
                                            for s in ab.steps)

    # Journeys: reached minus the listed paths; entered minus every listed group.
    for entry in used:
        res = journeys.run(eco.graph, entry, outcomes=["tenancy"], limit=30,
                           disclosure=policy)
        results.append(res)
        paths = [p.people for p in res.paths]
        drops = [d.people for d in res.drop_outs]
        assert not any(c.suppressed for c in paths + drops), "a small group is listed"
        check_partition(res.reached, [*paths, res.other_paths], f"journeys from {entry}")
        check_partition(res.entered, [*paths, res.other_paths, *drops, res.other_drop_outs],
                        f"journeys entered at {entry}")

    # Orphans: the complement of a published no-contact share.
    orph = orphans.run(eco.graph, disclosure=policy)
    results.append(orph)
    for c in orph.no_contact:
        assert_not_pinned(difference(iv(c.with_need), iv(c.no_contact)),
                          f"{c.cohort_id}/{c.domain} with contact")
        if c.share is not None:
            assert c.share == min(1.0, (c.no_contact.value or 0) / (c.with_need.value or 1))

    # Doubling up.
    results.append(overlaps.run(eco.graph, disclosure=policy))

    # Outcomes: a domain or model beside its services; nothing worked out from a few.
    out = outcomes.run(eco.graph, dates.today(), disclosure=policy)
    results.append(out)
    by = {o.id: o for o in out.services}
    for g in (*out.models, *out.domains):
        for field in ("started", "reached", "in_year"):
            check_partition(getattr(g, field), [getattr(by[s], field) for s in g.services],
                            f"outcomes {g.kind} {g.id} {field}")
    for o in (*out.services, *out.models, *out.domains):
        if o.rate is not None:  # from published counts only
            assert not o.started.suppressed and not o.reached.suppressed, o
            assert o.rate == min(1.0, (o.reached.value or 0) / (o.started.value or 1))
        if o.median_days is not None:
            assert not o.reached.suppressed and o.reached.value, o
        if o.cost_per_outcome is not None:
            assert not o.in_year.suppressed and o.in_year.value, o
            assert o.cost_per_outcome == round((o.annual_value or 0) / o.in_year.value, 2)

    for c in counts(results):
        assert_policy(c, policy)


@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(groups=areas)
def test_adversary_on_pages_and_cli(client: FlaskClient, eco: Ecosystem, tmp_path: Path,
                                    groups: list[Group]) -> None:
    build(eco, groups)
    used = sorted({s for route, n, _ in groups if n for s in route}) or ["WARD"]

    def published(header: list[str], rows: list[list[str]], start: str) -> list[Interval]:
        i, r = _col(header, start)
        values = [row[i] for row in rows]
        for v in values:
            assert v == "suppressed" or int(v.replace(",", "")) == 0 or (
                r == 5 and int(v.replace(",", "")) % 5 == 0), (start, v, header)
        return [read(v, r) for v in values]

    query = "&".join(f"service={s}" for s in used)
    url = f"/commissioner/what-if?run=1&{query}"
    header, rows = _csv(client, url + "&format=csv&table=removed")
    cells = published(header, rows, "People currently using it")
    html = client.get(url).get_data(as_text=True)
    m = re.search(r"([\d,]+|suppressed)( \(rounded to the nearest (\d+)\))? people lose", html)
    assert m and "Counts of people are rounded to the nearest 5" in html
    hidden = sum(1 for c in cells if c == (1, T))
    if hidden:
        assert_not_pinned(hidden_values(read(m.group(1), int(m.group(3) or 1)),
                                        [c for c in cells if c != (1, T)], hidden),
                          "what-if page")
    if len(used) >= 2:
        a, b = used[0], used[1]
        for chain in ((a, b), (b, a)):
            header, rows = _csv(client, f"/commissioner/pathway?run=1&step={chain[0]}"
                                        f"&step={chain[1]}&format=csv&table=steps")
            started = published(header, rows, "People started")
            median, _ = _col(header, "Observed median wait")
            for s, row in zip(started, rows, strict=True):
                if row[median]:
                    assert s[0] > T, "a median from a suppressed step"

    data = json.loads(_cli(eco, tmp_path, "what-if", *[x for s in used
                                                        for x in ("--decommission", s)],
                           "--format", "json"))
    for r in data["removed"]:
        v = r["people"]
        assert set(v) == {"value", "suppressed", "rounded_to"}
        assert v["suppressed"] or v["value"] == 0 or (v["value"] % 5 == 0 and
                                                       v["rounded_to"] == 5)
    out = _cli(eco, tmp_path, "pathway", *used[:2], "--format", "csv")
    rows_ = list(csv.reader(io.StringIO(out)))
    published(rows_[0], rows_[1:], "started")

    header, rows = _csv(client, "/commissioner/outcomes?format=csv&table=services")
    if rows:
        for column in ("People started", "Outcomes reached", "Outcomes in the last year"):
            published(header, rows, column)
        started, _ = _col(header, "People started")
        for column in ("Outcome rate", "Median days to outcome", "Cost per outcome"):
            i, _ = _col(header, column)
            for row in rows:
                if row[i]:
                    assert row[started] != "suppressed", f"{column} from a suppressed row"
    rows_ = list(csv.reader(io.StringIO(_cli(eco, tmp_path, "outcomes", "--format", "csv"))))
    if rows_:
        published(rows_[0], rows_[1:], "started")
        started, _ = _col(rows_[0], "started")
        stats = [_col(rows_[0], c)[0] for c in ("rate", "median_days", "cost_per_outcome")]
        for r in rows_[1:]:
            if r[started] == "suppressed":
                assert all(r[i] == "" for i in stats), r


@pytest.mark.no_neo4j
def test_the_policy() -> None:
    d = NHS_RULE
    assert (d.threshold, d.rounding) == (7, 5)
    assert [d.count(n).value for n in (0, 1, 7, 8, 12, 13, 546)] == [0, None, None, 10, 10,
                                                                      15, 545]
    assert d.count(0).as_json() == {"value": 0, "suppressed": False, "rounded_to": None}
    assert d.count(8).as_json() == {"value": 10, "suppressed": False, "rounded_to": 5}
    assert d.count(3).as_json() == {"value": None, "suppressed": True, "rounded_to": None}
    assert not d.allows(7) and d.allows(8)
    exact = Disclosure(7, 1)
    assert exact.count(8) == Count(8) and not exact.count(8).rounded
    # With exact counts, a total next to a suppressed cell always gives it away: withheld.
    total, cells = exact.partition(24, {"a": 20, "b": 4})
    assert total.suppressed and cells["b"].suppressed and cells["a"].value == 20
    # Rounded: 8 + 8 + 1 = 17 -> 15 would pin the 1 (15 + 2 - 8 - 8 = 1): withheld.
    total, cells = d.partition(17, {"a": 8, "b": 8, "c": 1})
    assert total.suppressed
    total, cells = d.partition(24, {"a": 20, "b": 4})
    assert total.value == 25 and cells["b"].suppressed
    with pytest.raises(ValueError):
        Disclosure(7, 0)


@pytest.mark.no_neo4j
@settings(max_examples=300, deadline=None)
@given(cells=st.lists(st.integers(0, 30), min_size=1, max_size=6),
       threshold=st.integers(0, 10), rounding=st.integers(1, 10))
@example(cells=[1, 2], threshold=2, rounding=9)  # a total rounded up to the rounding
def test_partition_never_pins_a_cell(cells: list[int], threshold: int, rounding: int) -> None:
    """Any policy, any cells: total minus the visible cells never pins a suppressed one."""
    d = Disclosure(threshold, rounding)
    total, shown = d.partition(sum(cells), {str(i): n for i, n in enumerate(cells)})
    hidden = [k for k, c in shown.items() if c.suppressed]
    if not hidden or total.suppressed or threshold == 1:  # 1..1 is pinned by its name
        return
    t_lo, t_hi = d.interval(total)
    lo = sum(d.interval(c)[0] for c in shown.values() if not c.suppressed)
    hi = sum(d.interval(c)[1] or 0 for c in shown.values() if not c.suppressed)
    m = len(hidden)
    s_lo, s_hi = t_lo - hi, (t_hi or 0) - lo
    one = {v for v in range(1, threshold + 1)
           if s_lo - (m - 1) * threshold <= v <= s_hi - (m - 1)}
    assert len(one) > 1, (cells, threshold, rounding, total, shown)


@pytest.mark.no_neo4j
def test_the_policy_comes_from_the_settings() -> None:
    from ecosystem.config import Settings

    s = Settings.from_env({})
    assert (s.suppression_threshold, s.suppression_rounding) == (7, 5)
    s = Settings.from_env({"ECOSYSTEM_SUPPRESSION_THRESHOLD": "10",
                           "ECOSYSTEM_SUPPRESSION_ROUNDING": "1"})
    assert Ecosystem(s, None).disclosure == Disclosure(10, 1)  # type: ignore[arg-type]
    assert Disclosure(10, 1).count(11) == Count(11)
    assert NHS_RULE.count(546).words() == "about 545" and NHS_RULE.count(3).words() == \
        "suppressed"


@pytest.mark.no_neo4j
def test_the_smallest_published_count_stands_for_every_count_rounded_up_to_it() -> None:
    # Rounding 9 beside a threshold of 2: a total of 3 is published as 9, so an adversary
    # must allow 3 to 13 for it, not 5 to 13 (found by the partition property test).
    d = Disclosure(2, 9)
    assert d.count(3).value == 9
    assert d.interval(d.count(3)) == (3, 13)
    assert NHS_RULE.interval(NHS_RULE.count(8)) == (8, 12)
