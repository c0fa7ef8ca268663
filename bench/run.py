"""The scale benchmark: load, validate, serve, memory, saved questions and HTTP throughput.

For the curated graph and generated graphs of 1e4, 1e5 and 1e6 triples (``bench/synth.py``),
side by side in one run, against references measured in the same run:

- parse, validate and build times of ``samverkan serve FILE --location DIR`` (a fresh store,
  nothing cached), against pyoxigraph's ``bulk_load`` and rdflib's parse of the same file;
- ``serve`` ready time (until ``/health`` answers): first (that build) and reopened
  (``serve --location DIR``, unchanged), and the curated graph's default ``samverkan serve``;
- memory of the whole serving process tree (proportional set size, PSS: shared pages are
  counted once) against an in-memory ``oxigraph serve`` holding the same quads, with the
  query workers holding the data in memory (the default, after the HTTP runs) and reading
  the on-disk store (``--worker-data disk``, after each query ran once);
- each saved question in-process (``SavedQuery.run`` on the store) against plain pyoxigraph
  running the same text with the same bindings;
- HTTP requests per second and p50/p99 latency at 8 clients for three queries, against the
  in-memory ``oxigraph serve`` (and rdflib-endpoint at 1e5, if installed), answers checked
  equal before timing; on the curated graph also a bare uvicorn app answering fixed bytes
  (``bench/floor.py``), the floor of serving HTTP from Python under the same client;
- at 1e5 and 1e6 (``--virtuoso-at``), Virtuoso (Debian's ``virtuoso-opensource``, a private
  server in a temporary folder): ``samverkan load --endpoint`` into it against ``load
  --location``, its restart and ``serve --endpoint`` ready times against ``serve
  --location`` reopened, and the three HTTP queries through ``serve --endpoint`` against
  Virtuoso's own endpoint answering the same queries over the same graph.

Writes ``bench/results.md`` (or ``--output``) and prints it.

    python bench/run.py                       # curated, 1e4, 1e5, 1e6 (under 15 minutes)
    python bench/run.py --sizes 1e4 --seconds 1 --output /tmp/smoke.md   # CI's smoke test
"""

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import rdflib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

import synth  # noqa: E402
import virtuoso_server  # noqa: E402

from service.questions.library import load_library  # noqa: E402
from service.store.oxigraph_store import OxigraphStore, to_oxigraph  # noqa: E402
from service.store.virtuoso import VirtuosoStore  # noqa: E402

QUERIES = {
    "2-hop join count": (
        "PREFIX skg: <https://w3id.org/samverkan-kg/ontology#> "
        "SELECT (COUNT(*) AS ?n) WHERE { ?project skg:withinArea ?area . ?area skg:sdg ?goal }"
    ),
    "GROUP BY predicate": ("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"),
    "label lookup LIMIT 20": (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?s ?label WHERE { ?s rdfs:label ?label "
        'FILTER(isIRI(?s) && LANG(?label) = "sv") } '
        "ORDER BY ?s LIMIT 20"
    ),
}
CLIENTS = 8
#: The part of results.md that bench/page_speed.py writes (kept when this script rewrites it).
PAGES_BEGIN = "<!-- pages:begin (bench/page_speed.py) -->"
PAGES_END = "<!-- pages:end -->"
ACCEPT = "application/sparql-results+json"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def samverkan(*args: str) -> list[str]:
    return [sys.executable, "-m", "service.cli", *args]


def oxigraph_program() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise SystemExit("the oxigraph server is needed: pip install oxigraph")
    return found


# --- processes ------------------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str  # the SPARQL endpoint
    ready: float  # seconds from start until it answered
    log: Path

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def pss_mb(self) -> float:
        """Proportional set size of the server's whole process group, in MB."""
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if os.getpgid(int(entry.name)) != self.process.pid:
                    continue
                rollup = (entry / "smaps_rollup").read_text()
            except (OSError, ProcessLookupError):
                continue
            for line in rollup.splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        return total / 1024


def start(command: Sequence[str], url: str, probe: str, env: dict[str, str], log: Path) -> Server:
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    deadline = started + 1800
    while True:
        try:
            if httpx.get(probe, timeout=5).status_code == 200:
                return Server(process, url, time.perf_counter() - started, log)
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.perf_counter() > deadline:
            raise RuntimeError(f"{' '.join(command)} did not start:\n{log.read_text()[-2000:]}")
        time.sleep(0.1)


def serve(args: Sequence[str], env: dict[str, str], log: Path, *, settle: bool = True) -> Server:
    """``samverkan serve``, its start timed until ``/health`` answers; with ``settle``, then
    left to finish its warm-up (``service/warm.py``) so that it does not share the CPU with
    what is measured next."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = samverkan("serve", *args, "--port", str(port))
    server = start(command, f"{base}/sparql", f"{base}/health", env, log)
    if settle:
        warmed(f"{base}/health")
    return server


def warmed(health: str) -> float:
    """Seconds until the service at ``health`` no longer says it is warming up."""
    started = time.perf_counter()
    while httpx.get(health, timeout=60).json().get("warm") == "warming":
        time.sleep(0.2)
    return time.perf_counter() - started


def oxigraph_serve(data: Path, log: Path) -> Server:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [oxigraph_program(), "serve", "--bind", f"127.0.0.1:{port}"]
    probe = f"{base}/query?query=ASK%7B%7D"
    server = start(command, f"{base}/query", probe, dict(os.environ), log)
    with data.open("rb") as body:
        answer = httpx.put(
            f"{base}/store",
            params={"default": ""},
            content=body.read(),
            headers={"Content-Type": "text/turtle"},
            timeout=1800,
        )
    answer.raise_for_status()
    return server


def floor_server(body: bytes, work: Path) -> Server:
    """``bench/floor.py``: uvicorn answering ``body`` to every request, nothing else."""
    port = free_port()
    answer = work / "floor-body"
    answer.write_bytes(body)
    env = {**os.environ, "FLOOR_BODY_FILE": str(answer)}
    command = [sys.executable, "-m", "uvicorn", "--app-dir", str(ROOT / "bench"), "floor:app"]
    command += ["--port", str(port)]
    url = f"http://127.0.0.1:{port}/sparql"
    return start(command, url, url, env, work / "floor.log")


def rdflib_endpoint(data: Path, log: Path) -> Server | None:
    program = Path(sys.executable).parent / "rdflib-endpoint"
    if not program.is_file():
        return None
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(program), "serve", str(data), "--host", "127.0.0.1", "--port", str(port)]
    probe = f"{base}/?query=ASK%7B%7D"  # rdflib-endpoint answers SPARQL at its root
    return start(command, f"{base}/", probe, dict(os.environ), log)


# --- HTTP load -----------------------------------------------------------------------------


def canonical(body: bytes) -> list[tuple[tuple[str, str], ...]]:
    """A SPARQL JSON answer as sorted rows of (variable, N-Triples term)."""
    solutions = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return sorted(
        tuple((n, str(t)) for n, t in zip(names, row, strict=True) if t is not None)
        for row in solutions
    )


def ask(url: str, query: str, form: dict[str, str] | None = None) -> bytes:
    data = {"query": query, **(form or {})}
    answer = httpx.post(url, data=data, headers={"Accept": ACCEPT}, timeout=600)
    answer.raise_for_status()
    return answer.content


@dataclass
class Throughput:
    per_second: float
    p50_ms: float
    p99_ms: float


def ratio(mine: Throughput, reference: Throughput) -> str:
    """``mine`` as a multiple of ``reference``; a reference that answered nothing in the
    window (an overloaded machine) gives no ratio rather than a division by zero."""
    if not reference.per_second:
        return "n/a (the reference answered nothing in the window)"
    return f"{mine.per_second / reference.per_second:.2f}x"


def hammer(url: str, query: str, seconds: float, form: dict[str, str] | None = None) -> Throughput:
    """``CLIENTS`` threads sending ``query`` for ``seconds``; every answer must be 200.

    A request still unanswered 10 s after the end does not count (slow references would
    otherwise hold the run for minutes): the rate is what was answered in the time taken.
    """
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        mine: list[float] = []
        with httpx.Client(timeout=seconds + 10) as http:
            while time.perf_counter() < stop_at:
                begun = time.perf_counter()
                try:
                    data = {"query": query, **(form or {})}
                    answer = http.post(url, data=data, headers={"Accept": ACCEPT})
                except httpx.TimeoutException:
                    break
                mine.append(time.perf_counter() - begun)
                if answer.status_code != 200:
                    failures.append(f"{answer.status_code}: {answer.text[:200]}")
                    return
        with lock:
            latencies.extend(mine)

    begun = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begun
    if failures:
        raise RuntimeError(f"{url}: {failures[0]}")
    if not latencies:
        return Throughput(0.0, float("inf"), float("inf"))
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Throughput(len(latencies) / elapsed, statistics.median(latencies) * 1e3, p99 * 1e3)


# --- saved questions in-process ----------------------------------------------------------


def stage(text: str) -> None:
    print(f"  {time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


def best_of(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        begun = time.perf_counter()
        run()
        times.append(time.perf_counter() - begun)
    return min(times)


def questions_ratio(
    data: Path, repeat: int, skip: set[str], slow: set[str]
) -> tuple[float, float, str]:
    """Total and worst ratio of SavedQuery.run over plain pyoxigraph, and the worst's name.

    Both run on the same in-memory store (the one the query workers hold). Questions in
    ``skip`` are not run; those whose plain run takes over a second are added to ``slow``
    (the next, larger size skips them: several are superlinear in the graph's size).
    """
    plain = ox.Store()
    plain.bulk_load(path=str(data), format=ox.RdfFormat.TURTLE)
    ours = OxigraphStore(plain)
    totals = [0.0, 0.0]
    worst = (0.0, "")
    for name, question in load_library().items():
        if name in skip:
            continue
        try:
            bindings = question.bind({})
        except ValueError:
            continue  # a question with a required parameter and no default
        substitutions = {ox.Variable(k.lstrip("?$")): to_oxigraph(v) for k, v in bindings.items()}

        def engine(text: str = question.sparql, bound: Any = substitutions) -> object:
            answer = plain.query(text, substitutions=bound)
            if isinstance(answer, ox.QueryBoolean):
                return bool(answer)
            return [list(row) if isinstance(row, ox.QuerySolution) else row for row in answer]

        def service(q: Any = question) -> object:
            return q.run(ours, {})

        plain_time = best_of(engine, 1)
        times = repeat if plain_time < 0.5 else 1
        plain_time = min(plain_time, best_of(engine, times - 1)) if times > 1 else plain_time
        stage(f"  {name}: plain {plain_time:.2f} s")
        ours_time = best_of(service, times)
        if plain_time > 1.0:
            slow.add(name)
        totals[0] += ours_time
        totals[1] += plain_time
        ratio = ours_time / plain_time if plain_time else 1.0
        if ratio > worst[0] and plain_time > 0.001:  # ignore sub-millisecond noise
            worst = (ratio, name)
    return totals[0] / totals[1], worst[0], worst[1]


# --- one size ----------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    triples: int = 0
    figures: dict[str, str] = field(default_factory=dict)


def timings_from(log: Path) -> dict[str, float]:
    """The ``loaded N quads: parsed in a s, validated in b s, ...`` line a serve prints."""
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("loaded ") and ":" in line:
            steps = line.split(":", 1)[1].split(",")
            found = {}
            for step in steps:
                words = step.split()
                if len(words) == 4 and words[1] == "in":
                    found[words[0]] = float(words[2])
            return found
    return {}


def measure(
    label: str,
    data: Path | None,
    work: Path,
    seconds: float,
    repeat: int,
    endpoint_too: bool,
    slow: set[str],
    virtuoso: bool = False,
) -> Row:
    """Every figure for one graph (``data`` None: the curated graph, served by default)."""
    row = Row(label)
    # A fresh cache: nothing was validated before; no developer settings.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
    env["XDG_CACHE_HOME"] = str(work / "cache")
    location = work / "store"
    if data is None:
        first = serve([], env, work / "first.log")
        first.stop()
        again = serve([], env, work / "again.log")
        row.figures["ready first"] = f"{first.ready:.2f} s"
        row.figures["ready reopened"] = f"{again.ready:.2f} s (verdict cached)"
        ours = again
        export = work / "curated.nq"
        export.write_bytes(httpx.get(ours.url.replace("/sparql", "/dump.nq"), timeout=60).content)
        reference_data = export
    else:
        begun = time.perf_counter()
        ox.Store().bulk_load(path=str(data), format=ox.RdfFormat.TURTLE)
        bulk = time.perf_counter() - begun
        begun = time.perf_counter()
        parsed = rdflib.Graph().parse(str(data), format="turtle")
        rdflib_parse = time.perf_counter() - begun
        row.triples = len(parsed)
        del parsed
        first = serve([str(data), "--location", str(location)], env, work / "first.log")
        first.stop()
        steps = timings_from(work / "first.log")
        load = sum(steps.values())
        row.figures["parse+validate+build"] = (
            f"{load:.1f} s ({load / bulk:.0f}x bulk_load {bulk:.2f} s)"
        )
        row.figures["validate"] = (
            f"{steps.get('validated', 0):.1f} s "
            f"({steps.get('validated', 0) / rdflib_parse:.1f}x rdflib parse {rdflib_parse:.1f} s)"
        )
        row.figures["ready first"] = f"{first.ready:.1f} s"
        ours = serve(["--location", str(location)], env, work / "again.log")
        row.figures["ready reopened"] = f"{ours.ready:.2f} s"
        reference_data = data
        ours_times = (bulk, load, ours.ready)
    reference = oxigraph_serve(reference_data, work / "oxigraph.log")
    others: dict[str, Server] = {}
    try:
        if endpoint_too and data is not None:
            found = rdflib_endpoint(data, work / "rdflib-endpoint.log")
            if found is not None:
                others["rdflib-endpoint"] = found
        for name, query in QUERIES.items():
            expected = canonical(ask(reference.url, query))
            assert canonical(ask(ours.url, query)) == expected, f"{label}: {name} differs"
            for other_name, other in others.items():
                got = canonical(ask(other.url, query))
                assert got == expected, f"{label}: {name} differs on {other_name}"
            stage(f"HTTP {name}")
            mine = hammer(ours.url, query, seconds)
            theirs = hammer(reference.url, query, seconds)
            text = (
                f"{mine.per_second:.0f}/s = {ratio(mine, theirs)} "
                f"(p50 {mine.p50_ms:.1f} / p99 {mine.p99_ms:.1f} ms; oxigraph "
                f"{theirs.per_second:.0f}/s, p50 {theirs.p50_ms:.1f} / p99 {theirs.p99_ms:.1f})"
            )
            for other_name, other in others.items():
                stage(f"HTTP {name} on {other_name}")
                them = hammer(other.url, query, seconds)
                if them.per_second:
                    text += f"; {mine.per_second / them.per_second:.0f}x {other_name}"
                    text += f" ({them.per_second:.1f}/s)"
                else:
                    text += f"; {other_name}: no answer within {seconds + 10:g} s"
            if data is None and name == next(iter(QUERIES)):  # how low Python's HTTP goes
                floor = floor_server(ask(ours.url, query), work)
                try:
                    bare = hammer(floor.url, query, seconds)
                finally:
                    floor.stop()
                row.figures["HTTP floor: bare uvicorn, fixed answer"] = (
                    f"{bare.per_second:.0f}/s = {ratio(bare, theirs)} "
                    f"(p50 {bare.p50_ms:.1f} / p99 {bare.p99_ms:.1f} ms)"
                )
            row.figures[f"HTTP {name}"] = text
        ours_mb, theirs_mb = ours.pss_mb(), reference.pss_mb()
        row.figures["memory (PSS)"] = (
            f"{ours_mb:.0f} MB = {ours_mb / theirs_mb:.2f}x oxigraph serve ({theirs_mb:.0f} MB)"
        )
        if data is not None:  # the same store, its workers reading it from disk
            stage("memory with --worker-data disk")
            lean = serve(
                ["--location", str(location), "--worker-data", "disk"], env, work / "disk.log"
            )
            try:
                for query in QUERIES.values():  # each query once: the pages they touch
                    assert canonical(ask(lean.url, query)) == canonical(ask(reference.url, query))
                lean_mb = lean.pss_mb()
            finally:
                lean.stop()
            row.figures["memory (PSS), --worker-data disk"] = (
                f"{lean_mb:.0f} MB = {lean_mb / theirs_mb:.2f}x oxigraph serve"
            )
        if data is not None:
            stage("saved questions")
            skipped = set(slow)
            total, worst, name = questions_ratio(data, repeat, skipped, slow)
            text = f"{total:.2f}x plain pyoxigraph (worst {worst:.2f}x {name})"
            if skipped:
                text += f"; not run (over 1 s at the size before): {', '.join(sorted(skipped))}"
            row.figures["saved questions"] = text
    finally:
        for server in (ours, reference, *others.values()):
            server.stop()
    if virtuoso and data is not None:
        stage("Virtuoso")
        row.figures.update(virtuoso_figures(data, work, seconds, env, ours_times))
    return row


def virtuoso_figures(
    data: Path, work: Path, seconds: float, env: dict[str, str], ours: tuple[float, float, float]
) -> dict[str, str]:
    """Virtuoso's figures, against pyoxigraph's ``bulk_load``, ours (load, ready) and its
    own endpoint."""
    bulk, load, ready = ours
    try:
        engine = virtuoso_server.VirtuosoServer(buffers=100_000)
    except virtuoso_server.VirtuosoAbsent as absent:
        return {"Virtuoso": f"not measured: {absent}"}
    figures = {}
    try:
        flags = ["--endpoint", engine.query_url, "--endpoint-dialect", "virtuoso"]
        secrets = {
            **env,
            "SAMVERKAN_ENDPOINT_USER": virtuoso_server.USER,
            "SAMVERKAN_ENDPOINT_PASSWORD": virtuoso_server.PASSWORD,
        }
        begun = time.perf_counter()
        command = samverkan("load", str(data), *flags, "--graph-store-endpoint", engine.store_url)
        done = subprocess.run(command, env=secrets, check=False, capture_output=True, text=True)
        took = time.perf_counter() - begun
        if done.returncode != 0:  # say why in the table rather than lose the run
            said = (done.stderr.strip().splitlines() or ["no message"])[-1][:300]
            return {"Virtuoso: load --endpoint": f"failed after {took:.0f} s: {said}"}
        upload = float(re.findall(r"uploaded \d+ triples in ([\d.]+) s", done.stdout)[0])
        figures["Virtuoso: load --endpoint"] = (
            f"{took:.1f} s, of which upload {upload:.1f} s = {upload / bulk:.1f}x bulk_load "
            f"(parse+validate+build --location {load:.1f} s)"
        )
        restarted = engine.restart()
        served = serve(flags, env, work / "virtuoso-serve.log")
        figures["Virtuoso: ready reopened"] = (
            f"restart {restarted:.1f} s, then serve --endpoint {served.ready:.2f} s "
            f"({(restarted + served.ready) / ready:.1f}x serve --location reopened)"
        )
        loaded = VirtuosoStore(engine.query_url).pointer().default  # the graph the load made
        own = {"default-graph-uri": loaded}  # Virtuoso's own answers over the same graph
        try:
            for name, query in QUERIES.items():
                expected = canonical(ask(engine.query_url, query, own))
                assert canonical(ask(served.url, query)) == expected, f"Virtuoso: {name} differs"
                stage(f"HTTP {name} over Virtuoso")
                mine = hammer(served.url, query, seconds)
                theirs = hammer(engine.query_url, query, seconds, own)
                figures[f"Virtuoso: HTTP {name}"] = (
                    f"{mine.per_second:.0f}/s = {ratio(mine, theirs)} Virtuoso's endpoint "
                    f"({theirs.per_second:.0f}/s; p50 {mine.p50_ms:.1f} vs "
                    f"{theirs.p50_ms:.1f} ms)"
                )
        finally:
            served.stop()
    finally:
        engine.stop()
    return figures


# --- the table ---------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    keys = list(dict.fromkeys(k for r in rows for k in r.figures))
    lines = ["| measure | " + " | ".join(f"{r.label} ({r.triples or '—'})" for r in rows) + " |"]
    lines.append("|---" * (len(rows) + 1) + "|")
    for key in keys:
        lines.append(f"| {key} | " + " | ".join(r.figures.get(key, "—") for r in rows) + " |")
    return "\n".join(lines)


def sizes(text: str) -> list[int]:
    return [int(float(s)) for s in text.split(",") if s]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1e4,1e5,1e6", help="comma-separated triple counts")
    parser.add_argument("--no-curated", action="store_true", help="skip the curated graph")
    parser.add_argument("--seconds", type=float, default=3.0, help="per HTTP measurement")
    parser.add_argument("--repeat", type=int, default=3, help="runs per saved question")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--virtuoso-at", default="1e5,1e6", help="sizes also measured on Virtuoso ('' for none)"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args(argv)
    begun = time.perf_counter()
    rows = []
    with tempfile.TemporaryDirectory(prefix="samverkan-bench-") as folder:
        work = Path(folder)
        plan: list[tuple[str, int | None]] = [] if args.no_curated else [("curated", None)]
        plan += [(f"{n:.0e}".replace("+0", ""), n) for n in sizes(args.sizes)]
        slow: set[str] = set()
        for label, size in plan:
            place = work / label
            place.mkdir()
            data = None
            if size is not None:
                data = place / "graph.ttl"
                with data.open("w", encoding="utf-8") as out:
                    synth.generate(size, args.seed, out)
            print(f"measuring {label} ...", file=sys.stderr, flush=True)
            endpoint_too = size == 100_000
            on_virtuoso = size in sizes(args.virtuoso_at)
            rows.append(
                measure(
                    label, data, place, args.seconds, args.repeat, endpoint_too, slow, on_virtuoso
                )
            )
    took = time.perf_counter() - begun
    text = (
        "# Benchmark results\n\n"
        f"`python bench/run.py --sizes {args.sizes}` on {os.cpu_count()} cores, "
        f"{time.strftime('%Y-%m-%d')}, in {took / 60:.1f} minutes. Ratios compare with "
        "references measured in the same run; HTTP at "
        f"{CLIENTS} clients for {args.seconds:g} s per query.\n\n{table(rows)}\n"
    )
    old = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    if PAGES_BEGIN in old and PAGES_END in old:  # bench/page_speed.py's table stays
        pages = PAGES_BEGIN + old.partition(PAGES_BEGIN)[2].partition(PAGES_END)[0] + PAGES_END
        text += "\n" + pages + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
