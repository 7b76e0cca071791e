"""One size's measurements: import, analyses, web pages, memory. Run in a child process per
size (see bench.__main__) so each size's peak memory is its own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecosystem import Ecosystem, Settings
from ecosystem.analyses.suppression import Disclosure
from ecosystem.db import queries
from ecosystem.db.graph import Graph
from ecosystem.demo import scale as demo_scale
from ecosystem.importers.params import to_params
from ecosystem.importers.pseudonymise import pseudonym
from ecosystem.importers.schema import EventRow
from ecosystem.vocabulary import AGE_BANDS, DOMAIN_IDS

BENCH_KEY = "bench-pseudonym-key-not-secret-0123456789"
PEOPLE_CHUNK = 50_000
DISCLOSURE = Disclosure(Settings().suppression_threshold, Settings().suppression_rounding)
# (the analyses take the policy from the caller)
EVENTS_CHUNK = 100_000

Row = dict[str, Any]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def stats(times: list[float]) -> dict[str, Any]:
    """p50/p95/mean/max in milliseconds (p95 by the nearest-rank method)."""
    if not times:
        return {"n": 0}
    ms = sorted(t * 1000 for t in times)
    rank = max(0, min(len(ms) - 1, int(round(0.95 * len(ms) + 0.5)) - 1))
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(ms[rank], 2), "mean_ms": round(statistics.fmean(ms), 2),
            "max_ms": round(ms[-1], 2)}


@dataclass
class Options:
    size: str
    seed: int = 7
    baseline_rows: int = 20_000
    calls: int = 200  # calls of each quick analysis (options, route)
    full_calls: int = 10  # calls of each whole-area analysis (overlaps, orphans, ...)
    page_calls: int = 20  # GETs of each web page
    time_cap: float = 90.0  # seconds per measured thing at most; fewer calls if reached
    as_of: dt.date | None = None  # the day the map was made for (None: today)


class Bench:
    def __init__(self, eco: Ecosystem, opts: Options, log: Callable[[str], None],
                 restart: Callable[[], None] | None = None) -> None:
        """`restart`: restarts the bench's Neo4j (only when the bench manages it), for the
        first request after a restart."""
        self.eco, self.opts, self.log = eco, opts, log
        self.restart = restart
        self.page_urls: dict[str, Callable[[], str]] = {}
        self.today = opts.as_of or dt.date.today()
        self.rng = random.Random(f"bench-{opts.seed}-{opts.size}")
        self.person_ids: list[str] = []
        self.result: dict[str, Any] = {"size": opts.size, "seed": opts.seed,
                                       "as_of": self.today.isoformat()}

    @property
    def graph(self) -> Graph:
        return self.eco.graph

    def _stream(self, cat: dict[str, list[Row]]) -> Iterator[tuple[Row, list[Row]]]:
        return demo_scale.journeys(self.opts.size, cat, self.opts.seed, self.today)

    # --- import ---------------------------------------------------------------------------

    def run_import(self) -> dict[str, list[Row]]:
        o = self.opts
        res: dict[str, Any] = {}
        # admin/clear deletes 10,000 nodes a transaction, and a dense node (a busy service,
        # a life domain, a neighbourhood) takes all its relationships with it: over the
        # heap's transaction memory at M and L. Events, engagement summaries and people go
        # first, in batches of their own.
        t = time.perf_counter()
        for q in ("bench/delete_events", "bench/delete_engagements", "bench/delete_people"):
            self.graph.run_autocommit(q)
        self.eco.clear()
        self.eco.init()
        res["clear_s"] = round(time.perf_counter() - t, 1)
        t = time.perf_counter()
        cat = demo_scale.catalogue(o.size, o.seed, self.today)
        res["generate_catalogue_s"] = round(time.perf_counter() - t, 2)
        base = {k: v for k, v in cat.items() if k not in ("people", "journey_events") and v}
        t = time.perf_counter()
        report = self.eco.import_tables(base)
        _check(report)
        res["catalogue_rows"] = sum(len(v) for v in base.values())
        res["catalogue_s"] = round(time.perf_counter() - t, 2)
        self.log(f"  catalogue: {res['catalogue_rows']} rows in {res['catalogue_s']} s")

        # People first (all of them), so events can refer to them.
        n_people, gen, imp = 0, 0.0, 0.0
        t = time.perf_counter()
        batch: list[Row] = []
        for p, _ in self._stream(cat):
            batch.append(p)
            if len(batch) >= PEOPLE_CHUNK:
                gen += time.perf_counter() - t
                imp += self._import({"people": batch})
                n_people += len(batch)
                batch = []
                t = time.perf_counter()
        gen += time.perf_counter() - t
        if batch:
            imp += self._import({"people": batch})
            n_people += len(batch)
        res["people"] = n_people
        res["people_s"] = round(imp, 2)
        res["people_per_s"] = round(n_people / imp) if imp else None
        self.log(f"  people: {n_people} in {imp:.1f} s")

        # Events: the first chunk is the sample both ways are timed on.
        stream = demo_scale.chunks(self._stream(cat), o.baseline_rows)
        first_people, sample = next(stream)
        key = self.eco.settings.resolve_pseudonym_key()
        self.person_ids = [pseudonym(p["person_ref"], key) for p in first_people[:500]]
        del first_people
        res["sample_events"] = len(sample)
        t = time.perf_counter()
        n = self._row_by_row(sample)
        rbr = time.perf_counter() - t
        res["row_by_row_s"] = round(rbr, 2)
        res["row_by_row_events_per_s"] = round(n / rbr)
        self.log(f"  row by row: {n} events in {rbr:.1f} s ({n / rbr:.0f}/s)")
        self.graph.run_autocommit("bench/delete_events")

        split: dict[str, float] = {}
        with _phases(split):
            t_sample = self._import({"journey_events": sample})
        res["batched_sample_phases_s"] = {k: round(v, 2) for k, v in split.items()}
        res["batched_sample_s"] = round(t_sample, 2)
        res["batched_sample_events_per_s"] = round(len(sample) / t_sample)
        res["speedup_sample"] = round(res["batched_sample_events_per_s"]
                                      / res["row_by_row_events_per_s"], 1)
        self.log(f"  batched sample: {len(sample)} events in {t_sample:.1f} s "
                 f"({len(sample) / t_sample:.0f}/s)")
        total_events, total_s = len(sample), t_sample
        del sample
        rest: list[Row] = []
        with _phases(split):
            for _, evs in stream:  # re-chunk the rest into bigger imports
                rest.extend(evs)
                if len(rest) >= EVENTS_CHUNK:
                    total_s += self._import({"journey_events": rest})
                    total_events += len(rest)
                    self.log(f"  events: {total_events} imported, "
                             f"{total_events / total_s:.0f}/s")
                    rest = []
            if rest:
                total_s += self._import({"journey_events": rest})
                total_events += len(rest)
        res["events_phases_s"] = {k: round(v, 2) for k, v in split.items()}
        res["events"] = total_events
        res["events_s"] = round(total_s, 2)
        res["events_per_s"] = round(total_events / total_s)
        res["speedup_full"] = round(res["events_per_s"] / res["row_by_row_events_per_s"], 1)
        self.log(f"  all events: {total_events} in {total_s:.1f} s ({res['events_per_s']}/s)")
        res["counts"] = self.eco.counts()
        res["peak_rss_mb_after_import"] = peak_rss_mb()
        self.result["import"] = res
        return cat

    def _import(self, records: dict[str, list[Row]]) -> float:
        t = time.perf_counter()
        report = self.eco.import_tables(records)
        _check(report)
        return time.perf_counter() - t

    def _row_by_row(self, events: list[Row]) -> int:
        """The baseline: pseudonymise each row and write it with one MERGE, one transaction
        per row (no validation and no journey rebuild: cheaper than the real importer)."""
        text = queries.load("bench/event_row_by_row")
        key = self.eco.settings.resolve_pseudonym_key()
        with self.graph.driver.session(database=self.graph.database) as s:
            for e in events:
                params = to_params("journey_events", EventRow.model_validate(e), key)
                s.run(text, params).consume()
        return len(events)

    # --- analyses -------------------------------------------------------------------------

    def run_analyses(self, cat: dict[str, list[Row]]) -> None:
        from ecosystem.analyses.eligibility import Profile

        o, rng = self.opts, self.rng
        hoods = [a["id"] for a in cat["areas"] if a["level"] == "neighbourhood"]
        places = [a["id"] for a in cat["areas"] if a["level"] == "local_authority"]
        services = [s for s in cat["services"]]
        by_area: dict[str, list[str]] = {}
        for s in services:
            for a in str(s["areas"]).split(";"):
                by_area.setdefault(a.strip(), []).append(s["id"])
        parent = {a["id"]: a.get("parent_id") for a in cat["areas"]}
        out: dict[str, Any] = {}
        present = {}
        for name in ("options", "route", "overlaps", "orphans", "coverage", "funding",
                     "whatif", "what_if", "pathways"):
            try:
                present[name] = importlib.import_module(f"ecosystem.analyses.{name}")
            except ImportError:
                continue
        self.result["analyses_present"] = sorted(present)

        def profile() -> Profile:
            hood = rng.choice(hoods)
            local = by_area.get(parent[hood] or "", [])
            lo, hi = Profile.age_range(band=rng.choice(AGE_BANDS))
            uses = tuple(rng.sample(local, min(len(local), rng.choice([0, 0, 1, 2]))))
            return Profile(
                area_id=hood, min_age=lo, max_age=hi,
                needs=tuple(rng.sample(DOMAIN_IDS, rng.randint(1, 3))), uses=uses,
                benefit_status=rng.choice(["uc", "esa", "pip", "none", None]),
                housing_status=rng.choice(["social_tenant", "private_tenant", "homeless",
                                           "inpatient", None]),
                in_work=rng.choice([True, False, None]),
                offending_history=rng.choice([True, False, None]),
                severity=rng.choice(["common", "severe", "any"]))

        g = self.graph
        calls: dict[str, tuple[int, Callable[[], Any]]] = {}
        if "options" in present:
            calls["options"] = (o.calls, lambda: present["options"].run(g, profile()))
        if "route" in present:
            def route() -> Any:
                place = rng.choice(places)
                local = by_area.get(place, [])
                target = rng.choice(local + by_area.get(demo_scale.ICB, []))
                froms = [s for s in local if s.endswith(("-gphub", "-cmht"))] or local[:1]
                return present["route"].run(g, target, froms)
            calls["route"] = (o.calls, route)
        t = DISCLOSURE
        if "overlaps" in present:
            calls["overlaps"] = (o.full_calls, lambda: present["overlaps"].run(g, disclosure=t))
        if "orphans" in present:
            calls["orphans"] = (o.full_calls, lambda: present["orphans"].run(g, disclosure=t))
        if "overlaps" in present and "orphans" in present:
            calls["overlaps+orphans"] = (o.full_calls,
                                         lambda: (present["overlaps"].run(g, disclosure=t),
                                                  present["orphans"].run(g, disclosure=t)))
            # As the pages get them: kept until the map changes (ecosystem/kept.py), so the
            # cold call works them out and the timed ones read what it kept.
            calls["overlaps+orphans as served"] = (
                o.full_calls, lambda: (self.eco.overlaps(), self.eco.orphans()))
        if "coverage" in present:
            calls["coverage"] = (o.full_calls,
                                 lambda: present["coverage"].run(g, rng.choice(places)))
        if "funding" in present:
            calls["funding"] = (o.full_calls, lambda: present["funding"].run(g))
        for name in ("whatif", "what_if"):
            if name in present:
                fn = _whatif_call(present[name], g, rng, [s["id"] for s in services])
                if fn is not None:
                    calls["what-if"] = (o.full_calls, fn)
        for name, (n, fn) in calls.items():
            out[name] = self._time(name, n, fn)
        self.result["analyses"] = out

    def _time(self, name: str, n: int, fn: Callable[[], Any]) -> dict[str, Any]:
        """One cold call (reported apart), one warm-up, then up to n timed calls."""
        t = time.perf_counter()
        try:
            fn()
        except Exception as e:  # an analysis being written may fail: record, don't stop
            self.log(f"  {name}: failed ({type(e).__name__}: {e})")
            return {"error": f"{type(e).__name__}: {str(e)[:200]}"}
        cold = time.perf_counter() - t
        fn()
        times: list[float] = []
        start = time.perf_counter()
        for _ in range(n):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
            if time.perf_counter() - start > self.opts.time_cap:
                break
        s = stats(times)
        s["cold_ms"] = round(cold * 1000, 1)
        self.log(f"  {name}: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms (n={s['n']})")
        return s

    # --- web pages ------------------------------------------------------------------------

    def run_pages(self, cat: dict[str, list[Row]]) -> None:
        from web import create_app

        # No warm start: these are warm timings (each page's first GET is not counted).
        app = create_app(dataclasses.replace(self.eco.settings, warm_start=False), self.eco)
        app.config.update(TESTING=True)
        client = app.test_client()
        self.result["pages_signed_in_as"] = _sign_in(self.eco, client)
        rng = self.rng
        ids = {"services": [s["id"] for s in cat["services"]],
               "providers": [p["id"] for p in cat["providers"]],
               "commissioners": [c["id"] for c in cat["commissioners"]],
               "cohorts": [c["id"] for c in cat["cohorts"]],
               "areas": [a["id"] for a in cat["areas"]]}
        words = [w for s in cat["services"] for w in s["name"].split() if len(w) > 4]
        pages: dict[str, Any] = {}
        skipped = []
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if "GET" not in (rule.methods or ()) or rule.endpoint == "static" \
                    or "sign-out" in rule.rule:
                continue
            if rule.rule.endswith((".zip", ".xlsx")) or "export" in rule.rule:
                skipped.append(f"{rule.rule} (a download)")
                continue
            args = set(rule.arguments)
            prefix = rule.rule.strip("/").split("/")[0]
            url: Callable[[], str]
            if not args and rule.rule in ("/search", "/search/suggest"):
                url = _search_url(rng, words, rule.rule)  # with no words it answers nothing
            elif not args:
                url = _fixed_url(rule.rule)
            elif args == {"id"} and prefix in ids and ids[prefix]:
                url = _entity_url(rng, prefix, ids[prefix])
            elif args == {"person_id"} and self.person_ids:
                url = _person_url(rng, rule.rule, self.person_ids)
            else:
                skipped.append(rule.rule)
                continue
            pages[rule.rule] = self._time_page(client, rule.rule, url)
            self.page_urls[rule.rule] = url
        self.result["pages"] = pages
        self.result["pages_skipped"] = skipped
        html = client.get("/").get_data(as_text=True)
        would = re.search(r"This map would have ([\d,]+) nodes", html)
        self.result["map"] = {"grouped": would is not None,
                              "nodes_ungrouped": int(would[1].replace(",", "")) if would else None,
                              "kb": round(len(html.encode()) / 1024, 1)}

    def _time_page(self, client: Any, name: str, url: Callable[[], str]) -> dict[str, Any]:
        times: list[float] = []
        sizes: list[int] = []
        bad: list[str] = []
        try:
            client.get(url())  # warm-up
        except Exception as e:  # a page being written may fail: record it and go on
            self.log(f"  GET {name}: failed ({type(e).__name__}: {e})")
            return {"error": f"{type(e).__name__}: {str(e)[:200]}"}
        start = time.perf_counter()
        for _ in range(self.opts.page_calls):
            u = url()
            t = time.perf_counter()
            try:
                resp = client.get(u)
            except Exception as e:
                bad.append(f"{u}: {type(e).__name__}")
                continue
            times.append(time.perf_counter() - t)
            sizes.append(len(resp.get_data()))
            if resp.status_code != 200:
                bad.append(f"{u}: {resp.status_code}")
            if time.perf_counter() - start > self.opts.time_cap:
                break
        s = stats(times)
        s["mean_kb"] = round(statistics.fmean(sizes) / 1024, 1)
        if bad:
            s["not_ok"] = bad[:5]
        self.log(f"  GET {name}: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, "
                 f"{s['mean_kb']} KB (n={s['n']})")
        return s

    def run_first_requests(self) -> None:
        """Each page's first request after restarting Neo4j, in a fresh process, without
        and with the warm start ("cold", "warm"), and the seconds until ready."""
        if self.restart is None:
            self.result["first_requests"] = {"skipped": "the bench does not manage this Neo4j"}
            return
        urls = {rule: url() for rule, url in self.page_urls.items()}
        out: dict[str, Any] = {}
        for mode in ("cold", "warm"):
            self.restart()
            with tempfile.TemporaryDirectory() as tmp:
                spec, res = Path(tmp) / "spec.json", Path(tmp) / "out.json"
                spec.write_text(json.dumps({"warm": mode == "warm", "urls": urls,
                                            "data_dir": str(self.eco.settings.data_dir)}))
                proc = subprocess.run([sys.executable, "-m", "bench.first", str(spec),
                                       str(res)], cwd=Path(__file__).resolve().parent.parent)
                if proc.returncode != 0 or not res.exists():
                    out[mode] = {"error": f"exit {proc.returncode}"}
                    continue
                out[mode] = json.loads(res.read_text())
            slowest = max((v if isinstance(v, float) else v["ms"]
                           for v in out[mode]["pages"].values()), default=0)
            self.log(f"  first requests, {mode}: ready after {out[mode]['ready_s']} s, "
                     f"slowest first page {slowest} ms")
        self.result["first_requests"] = out

    def run_all(self, save: Callable[[dict[str, Any]], None] | None = None
                ) -> dict[str, Any]:
        """Every phase in turn; `save` gets the result so far after each one, so a phase
        that fails does not lose the ones before it."""
        save = save or (lambda r: None)
        t = time.perf_counter()
        self.result["load_avg_start"] = [round(x, 2) for x in os.getloadavg()]
        self.result["driver_packstream"] = _packstream()
        self.log(f"size {self.opts.size}: import")
        cat = self.run_import()
        save(self.result)
        self.log(f"size {self.opts.size}: analyses")
        self.run_analyses(cat)
        save(self.result)
        self.log(f"size {self.opts.size}: web pages")
        self.run_pages(cat)
        self.result["peak_rss_mb"] = peak_rss_mb()
        save(self.result)
        self.log(f"size {self.opts.size}: first request after a restart")
        self.run_first_requests()
        self.result["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
        self.result["wall_s"] = round(time.perf_counter() - t, 1)
        return self.result


    def run_measure(self, save: Callable[[dict[str, Any]], None] | None = None
                    ) -> dict[str, Any]:
        """The analyses, pages and first requests on a map loaded already (XL: by the bulk
        load), with the catalogue and people the generator made for it."""
        save = save or (lambda r: None)
        t = time.perf_counter()
        self.result["load_avg_start"] = [round(x, 2) for x in os.getloadavg()]
        self.result["driver_packstream"] = _packstream()
        o = self.opts
        cat = demo_scale.catalogue(o.size, o.seed, self.today)
        key = self.eco.settings.resolve_pseudonym_key()
        people = []
        for p, _ in self._stream(cat):
            people.append(pseudonym(p["person_ref"], key))
            if len(people) >= 500:
                break
        self.person_ids = people
        self.result["import"] = {"loaded_by": "the bulk first load (see bulk)",
                                 "counts": self.eco.counts()}
        save(self.result)
        for phase, fn in (("analyses", self.run_analyses), ("web pages", self.run_pages)):
            self.log(f"size {o.size}: {phase}")
            fn(cat)
            save(self.result)
        self.result["peak_rss_mb"] = peak_rss_mb()
        self.log(f"size {o.size}: first request after a restart")
        self.run_first_requests()
        self.result["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
        self.result["wall_s"] = round(time.perf_counter() - t, 1)
        return self.result


def _search_url(rng: random.Random, words: list[str], rule: str = "/search"
                ) -> Callable[[], str]:
    return lambda: f"{rule}?q={rng.choice(words)}"


def _fixed_url(rule: str) -> Callable[[], str]:
    return lambda: rule


def _entity_url(rng: random.Random, prefix: str, ids: list[str]) -> Callable[[], str]:
    return lambda: f"/{prefix}/{rng.choice(ids)}"


def _person_url(rng: random.Random, rule: str, ids: list[str]) -> Callable[[], str]:
    return lambda: rule.replace("<person_id>", rng.choice(ids))


def _whatif_call(module: Any, g: Graph, rng: random.Random,
                 service_ids: list[str]) -> Callable[[], Any] | None:
    """A what-if analysis may exist by the time this runs; call it only if its signature
    is one we can fill (a graph and a service to take away)."""
    run = getattr(module, "run", None)
    if run is None:
        return None
    params = list(inspect.signature(run).parameters)
    for name in ("services", "service_ids", "service_id", "service", "remove", "close"):
        if name in params:
            many = name in ("services", "service_ids")
            extra = {"disclosure": DISCLOSURE} if "disclosure" in params else {}
            return lambda: run(g, **{name: [rng.choice(service_ids)] if many
                                     else rng.choice(service_ids)}, **extra)
    return None


@contextmanager
def _phases(acc: dict[str, float]) -> Iterator[None]:
    """Add the time spent in each step of the importer to `acc`: turning records into
    tables, validation (pydantic, references), planning (pseudonymise, hash, parameters) and
    writing (driver packing, network and Neo4j, journey rebuild included)."""
    import ecosystem.importers as imp
    from ecosystem.importers import load, params

    targets = {"tables": (imp, "tables_from_records"), "validate": (imp, "validate"),
               "plan": (params, "plan"), "write": (load, "write")}
    saved = {label: getattr(mod, attr) for label, (mod, attr) in targets.items()}

    def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                acc[label] = acc.get(label, 0.0) + time.perf_counter() - t
        return wrapper

    for label, (mod, attr) in targets.items():
        setattr(mod, attr, timed(label, saved[label]))
    try:
        yield
    finally:
        for label, (mod, attr) in targets.items():
            setattr(mod, attr, saved[label])


def _packstream() -> str:
    """Whether the driver packs parameters in Rust (neo4j-rust-ext) or pure Python."""
    import importlib.util

    return "rust" if importlib.util.find_spec("neo4j._rust") else "python"


def _sign_in(eco: Ecosystem, client: Any) -> str | None:
    """Pages need a signed-in user once web/access.py exists: sign the test client in as an
    admin made for the bench (as tests/conftest.py does). None when there is no sign-in."""
    try:
        from ecosystem.accounts import users
        from web.access import session_data
    except ImportError:
        return None
    import secrets

    name = "bench-admin"
    user = users.get(eco.graph, name)
    if user is None:
        users.create(eco.graph, name, "admin", secrets.token_urlsafe(24), actor="bench")
        user = users.get(eco.graph, name)
    if user is None:
        return None
    with client.session_transaction() as s:
        s.permanent = True
        s.update(session_data(user))
    return f"{name} (admin)"


def _check(report: Any) -> None:
    if not report.ok:
        raise RuntimeError("import refused: " + "; ".join(str(i) for i in report.issues[:5]))


def bench_settings(uri: str, password: str, user: str = "neo4j",
                   data_dir: Path | None = None) -> Settings:
    """The environment's settings (import sizes, ...) for this database and key."""
    return dataclasses.replace(Settings.from_env(), neo4j_uri=uri, neo4j_user=user,
                               neo4j_password=password,
                               data_dir=(data_dir or Path(".data/bench")).resolve(),
                               pseudonym_key=BENCH_KEY)
