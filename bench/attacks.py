"""Attacks on a real `samverkan serve` (loopback only, each bounded): what the server did,
the peak RSS of its process tree, /health latency meanwhile, connections refused.

Used by ``bench/reliability.py`` (its "Attacks" section); runs alone too:

    python bench/attacks.py
"""

import contextlib
import datetime
import io
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
#: The budget of each query worker in the bench server (SAMVERKAN_QUERY_MEMORY, MiB).
QUERY_MEMORY_MIB = 512
#: The bench server's descriptor limit (soft and hard), as a small VPS might have.
DESCRIPTORS = 1024
DOUBLING = (
    "SELECT (STRLEN(?v26) AS ?n) WHERE { BIND(STR(<http://example.org/s>) AS ?v0) "
    + " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(26))
    + " }"
)
CROSS_SORT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Outcome:
    attack: str
    answer: str  # what the attacker got
    seconds: float
    peak_rss_mib: float  # the server's process tree
    health_p50_ms: float
    health_max_ms: float
    health_failed: int  # /health answers that were not 200 (or no answer in 5 s)
    refused: int | str  # connections the server refused or closed


def _tree_rss_mib(pgid: int) -> float:
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                for line in (entry / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
    return total / 1024


def _xlsx(sheet_xml: bytes) -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as to:
        for item in source.infolist():
            is_sheet = item.filename.startswith("xl/worksheets/")
            to.writestr(item, sheet_xml if is_sheet else source.read(item))
    return out.getvalue()


def dimension_bomb() -> bytes:
    """6,000 one-cell rows declared 16,384 columns wide (``A1:XFD6000``)."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>'
        for r in range(1, 6001)
    )
    return _xlsx(
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b'<dimension ref="A1:XFD6000"/><sheetData>'
        + rows.encode()
        + b"</sheetData></worksheet>"
    )


def slow_workbook() -> bytes:
    """50,000 rows of 20 cells: about a million cells, ~40 MB of XML unpacked."""
    cells = "".join(f'<c t="inlineStr"><is><t>x{c}</t></is></c>' for c in range(20))
    rows = "".join(f'<row r="{r}">{cells}</row>' for r in range(1, 50_001))
    return _xlsx(
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + rows.encode()
        + b"</sheetData></worksheet>"
    )


@contextlib.contextmanager
def served(env: dict[str, str], prefix: Sequence[str] = ()) -> Iterator[tuple[str, int]]:
    """``samverkan serve`` of the curated graph on a free port: (url, process group)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
    command = [*prefix, sys.executable, "-m", "service.cli", "serve", "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, cwd=REPO, env={**clean, **env}, stdout=log, stderr=log, start_new_session=True
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while True:
                if process.poll() is not None:
                    log.seek(0)
                    raise SystemExit(f"serve exited:\n{log.read().decode()[-2000:]}")
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(url + "/health", timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise SystemExit("serve did not start in 180 s")
                time.sleep(0.3)
            yield url, process.pid
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def under_attack(
    name: str, url: str, pgid: int, attack: Callable[[], tuple[str, int | str]]
) -> Outcome:
    """Run ``attack`` in a thread; meanwhile sample the tree's RSS and /health's latency."""
    result: dict[str, object] = {}

    def run() -> None:
        started = time.monotonic()
        result["answer"], result["refused"] = attack()
        result["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run)
    peak = _tree_rss_mib(pgid)
    latencies: list[float] = []
    failed = 0
    thread.start()
    with httpx.Client(timeout=5) as client:
        while thread.is_alive():
            peak = max(peak, _tree_rss_mib(pgid))
            started = time.monotonic()
            try:
                ok = client.get(url + "/health").status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append(time.monotonic() - started)
            failed += not ok
            time.sleep(0.1)
    thread.join()
    latencies = latencies or [0.0]
    return Outcome(
        name,
        str(result["answer"]),
        round(float(str(result["seconds"])), 1),
        round(peak),
        round(statistics.median(latencies) * 1000),
        round(max(latencies) * 1000),
        failed,
        result["refused"],  # type: ignore[arg-type]
    )


def _post(url: str, path: str, body: bytes, content_type: str) -> str:
    answer = httpx.post(url + path, content=body, headers={"Content-Type": content_type,
                        "Accept": "application/json"}, timeout=300)  # fmt: skip
    return f"{answer.status_code} {answer.text.strip()[:70]}"


def _half_sent(url: str, count: int, partial: bytes, wait: float) -> tuple[str, int]:
    """``count`` connections each sending ``partial``; how many the server closed in ``wait``."""
    host, port = url.removeprefix("http://").split(":")
    sockets = []
    for _ in range(count):
        try:
            s = socket.create_connection((host, int(port)), timeout=5)
            s.sendall(partial)
            sockets.append(s)
        except OSError:
            break
    deadline = time.monotonic() + wait
    closed = answered_503 = 0
    try:
        for s in sockets:
            s.settimeout(max(0.05, deadline - time.monotonic()))
            with contextlib.suppress(OSError):
                data = s.recv(100)
                answered_503 += data.startswith(b"HTTP/1.1 503")
                closed += 1
    finally:
        for s in sockets:
            s.close()
    what = f"{len(sockets)} opened, {closed} closed by the server within {wait:g} s"
    return (what + (f" ({answered_503} with 503)" if answered_503 else ""), closed)


def run_attacks() -> list[Outcome]:
    env = {"SAMVERKAN_QUERY_MEMORY": str(QUERY_MEMORY_MIB), "SAMVERKAN_QUERY_TIMEOUT": "30"}
    limited = ["prlimit", f"--nofile={DESCRIPTORS}:{DESCRIPTORS}", "--"]
    outcomes = []
    with served(env, limited) as (url, pgid):
        sparql, headers = "application/sparql-query", b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        body = (
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query"
            b"\r\nContent-Length: 99\r\n\r\nASK {"
        )

        def post(path: str, data: bytes, kind: str) -> Callable[[], tuple[str, int | str]]:
            return lambda: (_post(url, path, data, kind), "")

        def flood(count: int, partial: bytes, wait: float) -> Callable[[], tuple[str, int]]:
            return lambda: _half_sent(url, count, partial, wait)

        plans = [
            ("query: 26 string doublings", post("/sparql", DOUBLING.encode(), sparql)),
            ("query: cross join sorted", post("/sparql", CROSS_SORT.encode(), sparql)),
            ("workbook: <dimension A1:XFD6000>", post("/validate", dimension_bomb(), XLSX)),
            ("workbook: a million cells", post("/validate", slow_workbook(), XLSX)),
            ("slowloris: 300 half-sent headers", flood(300, headers + b"X-a: ", 15)),
            ("slowloris: 300 bodies that stop", flood(300, body, 75)),
            (f"descriptors: 1,100 idle connections (limit {DESCRIPTORS})", flood(1100, b"", 15)),
        ]
        for name, attack in plans:
            print(f"attack: {name} ...", flush=True)
            outcomes.append(under_attack(name, url, pgid, attack))
            print(f"  {outcomes[-1]}", flush=True)
            time.sleep(3)  # replaced workers ready again
    return outcomes


def render_attacks(outcomes: list[Outcome]) -> list[str]:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "## Attacks",
        "",
        f"Measured {now}. A real `samverkan serve` of the curated graph (2 query workers, "
        f"`SAMVERKAN_QUERY_MEMORY={QUERY_MEMORY_MIB}`, descriptors limited to {DESCRIPTORS} "
        "with `prlimit`, other settings default) under each attack in turn, on loopback "
        "(`bench/attacks.py`). Peak RSS is the server's whole process tree (server, forkserver, "
        "workers, the upload reader) sampled every 0.1 s; `/health` is asked every 0.1 s "
        "meanwhile on a fresh connection.",
        "",
        "| attack | the attacker got | s | peak RSS MiB | /health p50 / max ms | /health failed "
        "| closed by the server |",
        "|---|---|---:|---:|---|---:|---|",
    ]
    for o in outcomes:
        answer = o.answer.replace("|", "\\|").replace("\n", " ")
        out.append(
            f"| {o.attack} | {answer} | {o.seconds} | {o.peak_rss_mib} | "
            f"{o.health_p50_ms} / {o.health_max_ms} | {o.health_failed} | {o.refused} |"
        )
    out.append("")
    return out


if __name__ == "__main__":
    print("\n".join(render_attacks(run_attacks())))
