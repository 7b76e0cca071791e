"""`python -m bench.load` (`make load`): a bounded load test of the web app on loopback.

Loads an area of a size (S, M or L of `ecosystem.demo.scale`, with the bulk first load) into
a managed Neo4j of its own (`.data/load-<size>`, kept, so the next run of the same size skips
the load; `--reload` loads it again), serves the app with gunicorn on 127.0.0.1, signs in N
sessions (half commissioners, half key workers; one after another, before the clock starts),
then has them fetch, concurrently, a mix of pages
(the map, the overlaps and orphans pages, and key-worker options for a random client) as fast
as it can for a fixed time. Every request is bounded by a timeout, the run by its duration;
only 127.0.0.1 is contacted. It records the CPU time gunicorn, Neo4j and this client used over
the run, and the store's size on disk. Results go to bench/results/load.json and load.md (one
entry per size, each with its date and load average).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import multiprocessing
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.machine import cpu_seconds, folder_mb, machine_cpu_seconds, tree_cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
NEEDS = ["housing", "money", "work", "connectedness", "family", "victimisation", "offending",
         "citizenship"]
SIZES = ("S", "M", "L")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Session:
    def __init__(self, base: str, timeout: float) -> None:
        self.base = base
        self.timeout = timeout
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict[str, Any]) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._open(urllib.request.Request(self.base + path, data=body))

    def _open(self, req: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(req, timeout=self.timeout) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, ""
        except OSError:  # timed out or refused: an error of the page, not the end of the run
            return 0, ""

    def token(self, path: str) -> str:
        status, html = self.get(path)
        m = TOKEN.search(html)
        if status != 200 or not m:
            raise RuntimeError(f"no form at {path} (HTTP {status})")
        return m.group(1)

    def sign_in(self, username: str, password: str) -> None:
        token = self.token("/sign-in")
        status, html = self.post("/sign-in", {"csrf_token": token, "username": username,
                                              "password": password})
        if status != 200 or "Sign out" not in html:
            raise RuntimeError(f"sign-in failed for {username} (HTTP {status})")


def _signed_in(base: str, user: tuple[str, str, str], timeout: float) -> tuple[Session, str]:
    """A session signed in as `user`, and its key-worker form token (empty for others)."""
    name, password, role = user
    s = Session(base, timeout)
    s.sign_in(name, password)
    return s, (s.token("/key-worker/") if role == "key_worker" else "")


def _client(s: Session, token: str, places: list[str], until: float, rng: random.Random,
            out: dict[str, list[tuple[float, int]]], lock: threading.Lock) -> None:
    pages = ["map", "overlaps", "orphans", "options"] if token else [
        "map", "overlaps", "orphans"]
    while time.monotonic() < until:
        page = rng.choice(pages)
        t0 = time.perf_counter()
        if page == "map":
            status, _ = s.get("/")
        elif page == "overlaps":
            status, _ = s.get("/commissioner/overlaps")
        elif page == "orphans":
            status, _ = s.get("/commissioner/orphans")
        else:
            form = {"csrf_token": token, "area": rng.choice(places),
                    "age": str(rng.randint(18, 70)), "needs": rng.sample(NEEDS, 2),
                    "severity": rng.choice(["any", "common", "severe"])}
            status, _ = s.post("/key-worker/options", form)
        ms = (time.perf_counter() - t0) * 1000
        with lock:
            out[page].append((ms, status))


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _bulk_load(size: str, seed: int, data_dir: str) -> dict[str, Any]:
    """In a child process (L's records take ~8 GB while they load; that memory goes with it):
    a fresh managed server in `data_dir`, the size bulk-loaded, the server left running."""
    import dataclasses
    import datetime as dt
    import shutil

    from bench.run import BENCH_KEY
    from ecosystem import Settings
    from ecosystem.db.server import ManagedServer
    from ecosystem.demo import scale
    from ecosystem.importers.bulk import bulk_import

    home = Path(data_dir)
    ManagedServer.from_settings(Settings.from_env(), home).stop()
    shutil.rmtree(home, ignore_errors=True)  # the bulk load needs an empty database
    server = ManagedServer.from_settings(Settings.from_env(), home)
    server.start()
    settings = dataclasses.replace(Settings.from_env(), neo4j_uri=server.uri,
                                   neo4j_user="neo4j", neo4j_password=server.password(),
                                   data_dir=home, pseudonym_key=BENCH_KEY)
    t = time.perf_counter()
    records = scale.generate(size, seed, as_of=dt.date.today())
    generate_s = time.perf_counter() - t
    events = len(records["journey_events"])
    t = time.perf_counter()
    report = bulk_import(server, settings, records, BENCH_KEY, source=f"load {size}",
                         actor="bench.load")
    if not report.ok:
        raise RuntimeError("bulk import refused: " + "; ".join(map(str, report.issues[:5])))
    loaded = {"size": size, "seed": seed, "events": events, "people": len(records["people"]),
              "generate_s": round(generate_s, 1),
              "bulk_load_s": round(time.perf_counter() - t, 1),
              "loaded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (home / "loaded.json").write_text(json.dumps(loaded) + "\n")
    return loaded


def _prepare(size: str, seed: int, home: Path, reload: bool) -> dict[str, Any]:
    """The size loaded in `home` (loaded now unless it already is) and its server running."""
    marker = home / "loaded.json"
    try:
        loaded: dict[str, Any] = json.loads(marker.read_text())
    except (OSError, ValueError):
        loaded = {}
    if reload or (loaded.get("size"), loaded.get("seed")) != (size, seed):
        print(f"bulk-loading size {size} into {home}...", file=sys.stderr)
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=spawn) as pool:
            loaded = pool.submit(_bulk_load, size, seed, str(home)).result()
        loaded["loaded_now"] = True
    return loaded


def _store_mb(server_home: Path) -> dict[str, float]:
    """The store and its transaction logs on disk (what the page cache would hold warm)."""
    data = server_home / "data"
    return {"store_mb": folder_mb(data / "databases" / "neo4j"),
            "transactions_mb": folder_mb(data / "transactions" / "neo4j")}


def _cpu(before: dict[str, float], after: dict[str, float], wall: float) -> dict[str, float]:
    """Per process group: % of one core over the run (200 = both cores of this machine)."""
    return {k: round((after[k] - before[k]) / wall * 100, 1) for k in before}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    ap.add_argument("--size", choices=SIZES, default="S",
                    help="the area to load (ecosystem.demo.scale; S is the demo): default S")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reload", action="store_true",
                    help="bulk-load the size again even if .data/load-<size> holds it")
    ap.add_argument("--sessions", type=int, default=50, help="signed-in sessions: default 50")
    ap.add_argument("--seconds", type=float, default=60, help="length of the run: default 60")
    ap.add_argument("--workers", type=int, default=2,
                    help="gunicorn worker processes: default 2 (one a core)")
    ap.add_argument("--threads", type=int, default=8,
                    help="threads per worker: default 8 (a request mostly waits on Neo4j)")
    ap.add_argument("--timeout", type=float, default=30, help="per-request timeout (s)")
    ap.add_argument("--keep-server", action="store_true", help="leave Neo4j running after")
    args = ap.parse_args(argv)

    from bench.run import BENCH_KEY
    from ecosystem import Ecosystem, Settings
    from ecosystem.accounts import users
    from ecosystem.db.connect import connect
    from ecosystem.db.server import ManagedServer

    if Settings.from_env().neo4j_uri:
        print("make load uses a managed Neo4j of its own (it bulk-loads the size): "
              "unset NEO4J_URI.", file=sys.stderr)
        return 2
    home = ROOT / ".data" / f"load-{args.size}"
    loaded = _prepare(args.size, args.seed, home, args.reload)
    server = ManagedServer.from_settings(Settings.from_env(), home)
    env = dict(os.environ)  # for gunicorn, with the settings below added
    env.update(NEO4J_URI=server.start(), NEO4J_USER="neo4j", NEO4J_PASSWORD=server.password(),
               ECOSYSTEM_PSEUDONYM_KEY=BENCH_KEY, ECOSYSTEM_SECRET_KEY=secrets.token_urlsafe(32),
               ECOSYSTEM_COOKIE_SECURE="0", ECOSYSTEM_DATA_DIR=str(home))
    store = _store_mb(server.home)
    settings = Settings.from_env(env)
    eco = Ecosystem(settings, connect(settings))
    password = secrets.token_urlsafe(18)
    accounts = []
    for name, role in (("load-commissioner", users.COMMISSIONER),
                       ("load-keyworker", users.KEY_WORKER)):
        if users.get(eco.graph, name) is None:
            users.create(eco.graph, name, role, password, "bench.load")
        else:
            users.set_password(eco.graph, name, password, "bench.load")
        accounts.append((name, password, role))
    areas = eco.client_areas()
    places = [a.id for a in areas if a.level == "local_authority"] or [a.id for a in areas]
    eco.close()

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--threads", str(args.threads),
         "--timeout", "60", "--log-level", "warning", "web.wsgi:app"],
        env=env, cwd=ROOT)
    neo4j_pid = server.status().pid or 0
    results: dict[str, list[tuple[float, int]]] = defaultdict(list)
    failures: list[str] = []
    load_start = [round(x, 2) for x in os.getloadavg()]
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/sign-in", timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        lock = threading.Lock()
        # Signed in one after another before the clock starts: the sign-in throttle refuses
        # many attempts at once from one address (all of these come from 127.0.0.1), and
        # signing in (a password hash) is not what is measured.
        signed: list[tuple[Session, str]] = []
        for i in range(args.sessions):
            try:
                signed.append(_signed_in(base, accounts[i % 2], args.timeout))
            except Exception as e:  # noqa: BLE001 - reported, not hidden
                failures.append(f"session {i} signing in: {e}")

        def sample() -> dict[str, float]:
            busy, total = machine_cpu_seconds()
            return {"gunicorn": sum(tree_cpu_seconds(gunicorn.pid).values()),
                    "neo4j": cpu_seconds(neo4j_pid), "load_client": cpu_seconds(os.getpid()),
                    "machine_busy": busy, "machine_total": total}

        before = sample()
        started = time.monotonic()
        until = started + args.seconds

        def run(i: int) -> None:
            try:
                _client(*signed[i], places, until, random.Random(i), results, lock)
            except Exception as e:  # noqa: BLE001 - reported, not hidden
                failures.append(f"session {i}: {e}")

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(signed))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(args.seconds + args.timeout + 30)
        elapsed = time.monotonic() - started
        after = sample()
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(30)
        if not args.keep_server:
            server.stop()

    cores = os.cpu_count() or 1
    cpu = _cpu({k: v for k, v in before.items() if k != "machine_total"},
               {k: v for k, v in after.items() if k != "machine_total"}, elapsed)
    # The whole machine in % of one core, from /proc/stat's own clock (all cores' time).
    cpu["machine_busy"] = round((after["machine_busy"] - before["machine_busy"])
                                / (after["machine_total"] - before["machine_total"])
                                * cores * 100, 1)
    cpu["others"] = round(cpu["machine_busy"] - cpu["gunicorn"] - cpu["neo4j"]
                          - cpu["load_client"], 1)
    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "size": args.size, "events": loaded.get("events"), "people": loaded.get("people"),
        "bulk_load_s": loaded.get("bulk_load_s") if loaded.get("loaded_now") else None,
        "sessions": args.sessions, "seconds": args.seconds, "gunicorn_workers": args.workers,
        "threads_per_worker": args.threads, "heap": server.heap, "pagecache": server.pagecache,
        "cores": cores, "load_avg_start": load_start,
        "load_avg_end": [round(x, 2) for x in os.getloadavg()],
        "cpu_percent_of_one_core": cpu, **store, "session_failures": failures, "pages": {},
    }
    total = errors = 0
    for page, rows in sorted(results.items()):
        ms = [m for m, _ in rows]
        bad = sum(1 for _, st in rows if st != 200)
        total += len(rows)
        errors += bad
        report["pages"][page] = {"requests": len(rows), "errors": bad,
                                 "p50_ms": round(statistics.median(ms), 1),
                                 "p95_ms": round(_pct(ms, 0.95), 1),
                                 "max_ms": round(max(ms), 1)}
    report.update(requests=total, errors=errors + len(failures),
                  requests_per_second=round(total / elapsed, 1))
    runs = _saved_runs()
    runs[args.size] = report
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps({"runs": runs}, indent=2) + "\n")
    text = _markdown(runs)
    (RESULTS / "load.md").write_text(text)
    print(text)
    return 0 if errors == 0 and not failures else 1


def _saved_runs() -> dict[str, Any]:
    """The runs of the other sizes, kept (a file from before sizes is dropped)."""
    try:
        saved = json.loads((RESULTS / "load.json").read_text())
    except (OSError, ValueError):
        return {}
    return dict(saved.get("runs", {})) if isinstance(saved, dict) else {}


def _markdown(runs: dict[str, Any]) -> str:
    lines = ["# Load test", "",
             "Signed-in sessions (half commissioners, half key workers) against gunicorn on "
             "127.0.0.1, each as fast as it can; the load client runs on the same 2-core "
             "machine. Command: `make load` (`python -m bench.load --size S|M|L`). CPU is in "
             "% of one core (200 % = the whole machine); \"others\" is everything else the "
             "machine ran meanwhile.", ""]
    for size in SIZES:
        if size not in runs:
            continue
        r = runs[size]
        cpu = r["cpu_percent_of_one_core"]
        lines += [
            f"## {size}: {r['events']:,} journey events, {r['people']:,} people", "",
            f"Run {r['date']}: {r['sessions']} sessions for {r['seconds']:.0f} s, gunicorn "
            f"{r['gunicorn_workers']} workers x {r['threads_per_worker']} threads; Neo4j heap "
            f"{r['heap']}, page cache {r['pagecache']}; store {r['store_mb']} MB + "
            f"transaction logs {r['transactions_mb']} MB; load average "
            f"{r['load_avg_start']} at the start, {r['load_avg_end']} at the end.", "",
            f"Requests: {r['requests']}; errors: {r['errors']}; session failures: "
            f"{len(r['session_failures'])}; throughput: {r['requests_per_second']} "
            "requests/s.", "",
            f"CPU over the run: gunicorn {cpu['gunicorn']} %, Neo4j {cpu['neo4j']} %, load "
            f"client {cpu['load_client']} %, others {cpu['others']} %; machine "
            f"{cpu['machine_busy']} % of {r['cores'] * 100} %.", "",
            "| page | requests | errors | p50 ms | p95 ms | max ms |", "|---|---|---|---|---|---|",
        ]
        for page, p in r["pages"].items():
            lines.append(f"| {page} | {p['requests']} | {p['errors']} | {p['p50_ms']} | "
                         f"{p['p95_ms']} | {p['max_ms']} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
