"""The page benchmark: how long each kind of page takes on graphs of register scale.

For each size (``bench/synth.py`` graphs of 1e5 and 1e6 triples by default) the graph is
loaded once (``samverkan load --location DIR``) and served from there (``samverkan serve
--location DIR``, a real uvicorn process); each page kind is asked once to warm up, then
``--requests`` times in turn by one client, and its p50 and p95 are printed against the
targets (p95 under 300 ms at 1e5 and under 1 s at 1e6; the dump is measured, not held to
them). Before that the service's warm-up is timed (``service/warm.py``: what pages read once
per store, read in the background as it starts, until ``/health`` says ``"ready"``) and then
the first listing; ``--no-wait`` asks the first listing at once, during the warm-up. Page
kinds whose answers repeat (the listing's first page) are asked the same way
each time; those a reader varies (a deep page, a filter, facet values, a search) take a
different value each request, so that nothing the service remembers answers them.

The table replaces the part of ``bench/results.md`` between its ``pages`` markers (the rest
is ``bench/run.py``'s), or goes to ``--output``.

    python bench/page_speed.py                           # 1e5 and 1e6
    python bench/page_speed.py --sizes 1e5 --requests 10 --output /tmp/pages.md
    python bench/page_speed.py --work /tmp/pages --skip dump   # stores kept for the next run
"""

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402
from run import PAGES_BEGIN as BEGIN  # noqa: E402
from run import PAGES_END as END  # noqa: E402
from run import samverkan, serve, warmed  # noqa: E402

#: p95 targets in seconds by graph size (issue 19); the dump is measured only.
TARGETS = {100_000: 0.3, 1_000_000: 1.0}
HTML = {"Accept": "text/html"}


@dataclass
class Kind:
    name: str
    paths: Callable[[], Iterator[str]]  # the address of each request in turn
    held: bool = True  # held to the p95 target
    requests: int | None = None  # fewer for the slow ones


@dataclass
class Measured:
    kind: Kind
    example: str
    size: int  # bytes of the last answer
    status: int
    times: list[float]
    warm: float  # the first request, which fills what the service keeps per store

    def quantile(self, q: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def cycle(make: Callable[[int], str]) -> Callable[[], Iterator[str]]:
    return lambda: (make(i) for i in count())


def page_kinds(http: httpx.Client) -> list[Kind]:
    """The page kinds, with addresses read from the served graph itself."""
    first = http.get("/project", params={"format": "json", "page": 1}).json()
    pages = first["pages"]
    facets = {f["key"]: [v["value"] for v in f["values"]] for f in first["facets"]}
    sdgs, years = facets["sdg"], facets["year"]
    resources = [row["href"] for row in first["rows"]]
    partners = http.get("/partner", params={"format": "json", "per_page": 500}).json()["rows"]
    organisations = [row["href"] for row in partners[:50]]
    universities = [row["iri"] for row in partners if "universitet" in row["iri"]]  # synth's
    sdg_numbers = [s.rsplit("/", 1)[-1] for s in sdgs]

    def same(path: str) -> Callable[[], Iterator[str]]:
        return cycle(lambda i: path)

    def year(i: int) -> str:
        return str(years[i % len(years)])

    def twenty(i: int) -> str:  # a university's agreements, at most 20
        return f"/compare?limit=20&university={quote(universities[i % len(universities)])}"

    def facets_chosen(i: int) -> str:
        sdg, year = sdgs[i % len(sdgs)], years[(i // len(sdgs)) % len(years)]
        return f"/project?sdg={quote(sdg)}&year={year}"

    return [
        Kind("resource page", cycle(lambda i: resources[i % len(resources)])),
        Kind(
            "resource page, an organisation", cycle(lambda i: organisations[i % len(organisations)])
        ),
        Kind("listing, first page", same("/project")),
        Kind("listing, a deep page", cycle(lambda i: f"/project?page={pages - i % 10}")),
        Kind("listing filtered by name", cycle(lambda i: f"/project?q=projekt+{i + 1}.")),
        Kind("facet counts (two facets chosen)", cycle(facets_chosen)),
        Kind("facet counts, JSON", cycle(lambda i: f"/agreement.json?page=1&year={year(i)}")),
        Kind("search", cycle(lambda i: f"/search?q=project+{i + 1}")),
        Kind("compare, default", same("/compare"), requests=3),
        Kind("compare, a 20-agreement choice", cycle(twenty)),
        Kind("SDG matrix", same("/compare/sdg-matrix.svg"), requests=3),
        Kind("saved question page", same("/queries/projects-per-sdg?format=html"), requests=3),
        Kind("SDG page", cycle(lambda i: f"/sdg/{sdg_numbers[i % len(sdg_numbers)]}")),
        Kind("dump (Turtle)", same("/dump.ttl"), held=False, requests=3),
    ]


def measure(http: httpx.Client, kind: Kind, requests: int) -> Measured:
    paths = kind.paths()
    started = time.perf_counter()
    with contextlib.suppress(httpx.HTTPError):
        http.get(next(paths), headers=HTML)  # warm: caches built once per store
    warm = time.perf_counter() - started
    times: list[float] = []
    example = ""
    size, status = 0, 0
    for _ in range(kind.requests or requests):
        example = next(paths)
        started = time.perf_counter()
        try:
            answer = http.get(example, headers=HTML)
            size, status = len(answer.content), answer.status_code
        except httpx.HTTPError as error:  # a page that fails is reported, not fatal
            print(f"{kind.name}: {example}: {error!r}", file=sys.stderr)
            size, status = 0, 0
        times.append(time.perf_counter() - started)
    return Measured(kind, example, size, status, times, warm)


def run_size(
    triples: int, work: Path, requests: int, skip: list[str], warm_up: bool = True
) -> list[Measured]:
    location = work / f"store-{triples}"
    ready = work / f"store-{triples}.ready"
    if not ready.is_file():  # a store loaded by an earlier run into --work is reused
        data = work / f"synth-{triples}.ttl"
        with data.open("w", encoding="utf-8") as out:
            synth.generate(triples, 1, out)
        subprocess.run(samverkan("load", "--location", str(location), str(data)), check=True)
        ready.write_text("loaded\n", encoding="utf-8")
        data.unlink()
    log = Path(tempfile.gettempdir()) / f"samverkan-pages-serve-{triples}.log"  # kept
    server = serve(["--location", str(location)], _env(), log, settle=False)
    try:
        base = server.url.rsplit("/sparql", 1)[0]
        with httpx.Client(base_url=base, timeout=600) as http:
            measured = [warming(f"{base}/health")] if warm_up else []
            started = time.perf_counter()
            kinds = page_kinds(http)  # the first listing: the kinds, names and facets read
            cold = time.perf_counter() - started
            name = "first listing after the warm-up" if warm_up else "first listing after the start"
            first = Kind(name, lambda: iter(()), held=False)
            measured.append(Measured(first, "/project?format=json", 0, 200, [cold], cold))
            for kind in kinds:
                if any(word in kind.name for word in skip):
                    continue
                measured.append(measure(http, kind, requests))
                last = measured[-1]
                print(f"{triples:.0e} {kind.name}: p50 {1000 * last.quantile(0.5):.0f} ms, "
                      f"p95 {1000 * last.quantile(0.95):.0f} ms", flush=True)  # fmt: skip
            return measured
    finally:
        server.stop()


def warming(health: str) -> Measured:
    """How long after the start the service reads ahead what pages read once per store."""
    took = warmed(health)
    kind = Kind("warm-up after the start (in the background)", lambda: iter(()), held=False)
    return Measured(kind, "/health", 0, 200, [took], took)


def _env() -> dict[str, str]:
    """This process's environment without the developer's ``SAMVERKAN_*`` settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}


def table(results: dict[int, list[Measured]]) -> str:
    lines = [
        BEGIN,
        "## Pages (bench/page_speed.py)",
        "",
        "One client, each page kind asked once to warm up (*first*: what the service reads "
        "once per store is read then) and then in turn; times in ms. "
        "Targets: p95 under 300 ms at 1e5 and under 1 s at 1e6 (not the dump).",
        "",
        "| triples | page kind | last address | status | bytes | first | p50 | p95 | target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for triples, measured in results.items():
        limit = TARGETS.get(triples)
        for m in measured:
            p95 = m.quantile(0.95)
            verdict = "—" if not m.kind.held or limit is None else (
                "met" if p95 < limit and m.status == 200 else "**missed**")  # fmt: skip
            lines.append(
                f"| {triples:.0e} | {m.kind.name} | `{m.example}` | {m.status} | {m.size:,} | "
                f"{1000 * m.warm:.0f} | {1000 * m.quantile(0.5):.0f} | {1000 * p95:.0f} | "
                f"{verdict} |"
            )
    lines.append(END)
    return "\n".join(lines) + "\n"


def write(text: str, output: Path) -> None:
    old = output.read_text(encoding="utf-8") if output.exists() else ""
    if BEGIN in old and END in old:
        head, _, rest = old.partition(BEGIN)
        _, _, tail = rest.partition(END)
        new = head + text.rstrip("\n") + tail
    else:
        new = (old.rstrip("\n") + "\n\n" if old else "") + text
    output.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1e5,1e6", help="comma-separated triple counts")
    parser.add_argument("--requests", type=int, default=20, help="requests per page kind")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument(
        "--work",
        type=Path,
        help="keep the loaded stores here and reuse them (default: a temporary folder; empty it "
        "after changing synth.py)",
    )
    parser.add_argument(
        "--no-wait",
        action="store_true",
        help="ask the first listing as soon as the service answers, during its warm-up",
    )
    parser.add_argument(
        "--skip", default="", help="comma-separated words: page kinds whose names hold one"
    )
    args = parser.parse_args(argv)
    results: dict[int, list[Measured]] = {}
    with contextlib.ExitStack() as stack:
        folder = args.work or stack.enter_context(
            tempfile.TemporaryDirectory(prefix="samverkan-pages-")
        )
        Path(folder).mkdir(parents=True, exist_ok=True)
        for size in args.sizes.split(","):
            triples = int(float(size))
            skip = [word for word in args.skip.split(",") if word]
            wait = not args.no_wait
            results[triples] = run_size(triples, Path(folder), args.requests, skip, wait)
            print(table({triples: results[triples]}), flush=True)
    write(table(results), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
