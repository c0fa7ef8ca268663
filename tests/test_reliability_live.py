"""Reliability of a real `samverkan serve` process: hostile clients and failing workers.

One server for the module (a small graph, short query timeout); each test leaves it serving.
"""

import contextlib
import io
import os
import signal
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live import LiveServer, running_server

EXAMPLE = "@prefix ex: <http://example.org/> .\n"
#: Open connections the module's server accepts (SAMVERKAN_MAX_CONNECTIONS).
CONNECTIONS = 40
#: What a query worker may grow by, in MiB (SAMVERKAN_QUERY_MEMORY).
MEMORY_MIB = 256
#: Each BIND doubles the string: 20 of them ask for over 100 MiB, then 200, 400, ...
DOUBLING = (
    "SELECT (STRLEN(?v25) AS ?n) WHERE { BIND(STR(<http://example.org/s1>) AS ?v0) "
    + " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(25))
    + " }"
)
CROSS_SORT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data = tmp_path_factory.mktemp("live") / "data.ttl"
    lines = [f"ex:s{i} ex:value {i} ." for i in range(2_000)]
    data.write_text(EXAMPLE + "\n".join(lines) + "\n", encoding="utf-8")
    budget = {
        "SAMVERKAN_QUERY_MEMORY": str(MEMORY_MIB),
        "SAMVERKAN_VALIDATE_TIMEOUT": "3",
        "SAMVERKAN_HEADER_TIMEOUT": "2",
        "SAMVERKAN_BODY_TIMEOUT": "2",
        "SAMVERKAN_MAX_CONNECTIONS": str(CONNECTIONS),
    }
    with running_server([str(data), "--timeout", "5", "--workers", "1"], env=budget) as live:
        yield live


def test_serve_answers_only_to_its_own_host(server: LiveServer) -> None:
    void = server.url + "/.well-known/void"
    spoofed = httpx.get(void, headers={"Host": "evil.example"})
    own = httpx.get(void, headers={"Accept": "text/turtle"})
    assert spoofed.status_code == 400
    assert own.status_code == 200 and server.url in own.text and "evil" not in own.text


def ask(server: LiveServer, query: str, timeout: float = 30) -> httpx.Response:
    return httpx.post(
        server.url + "/sparql",
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
        timeout=timeout,
    )


def alive(server: LiveServer) -> bool:
    answer = ask(server, "ASK { ?s ?p ?o }")
    return answer.status_code == 200 and answer.json()["boolean"] is True


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 9_000 + "}" * 9_000,
        "SELECT * WHERE { FILTER(" + "(" * 9_000 + "1" + ")" * 9_000 + ") }",
    ],
    ids=["braces", "parentheses"],
)
def test_over_deep_nesting_is_refused_before_a_worker(server: LiveServer, query: str) -> None:
    answer = ask(server, query)
    assert answer.status_code == 400, answer.text
    assert "nested too deeply" in answer.text
    assert alive(server)


def test_deep_but_reasonable_nesting_runs(server: LiveServer) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE " + "{" * 60 + " ?s ?p ?o " + "}" * 60
    answer = ask(server, query)
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == "2000"


def query_workers(server: LiveServer) -> list[int]:
    """The server's query workers: the children of its forkserver (a child of the server)."""

    def children(pid: int) -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                stat = (entry / "stat").read_text()
            except (OSError, ValueError):
                continue
            if entry.name.isdigit() and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
        return found

    forkservers = [
        pid
        for pid in children(server.process.pid)
        if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]
    return [pid for fork in forkservers for pid in children(fork)]


def test_a_worker_killed_while_idle_costs_no_query(server: LiveServer) -> None:
    assert alive(server)
    (worker,) = query_workers(server)
    os.kill(worker, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while worker in query_workers(server) and time.monotonic() < deadline:
        time.sleep(0.05)
    answer = ask(server, "ASK { ?s ?p ?o }")
    assert answer.status_code == 200, answer.text
    assert answer.json()["boolean"] is True
    assert worker not in query_workers(server)


@pytest.mark.parametrize("query", [DOUBLING, CROSS_SORT], ids=["doubling", "sort"])
def test_a_query_over_its_memory_budget_is_stopped(server: LiveServer, query: str) -> None:
    started = time.monotonic()
    answer = ask(server, query)
    assert answer.status_code == 503, answer.text[:300]
    assert "query used too much memory" in answer.text
    assert time.monotonic() - started < 5  # stopped by memory, not by the timeout
    assert alive(server)  # a fresh worker took its place


def slow_workbook(rows: int = 50_000, columns: int = 20) -> bytes:
    """A small workbook whose one sheet takes openpyxl many seconds to read."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    cells = "".join(f'<c t="inlineStr"><is><t>x{c}</t></is></c>' for c in range(columns))
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(f'<row r="{r}">{cells}</row>' for r in range(1, rows + 1))
        + "</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as to:
        for item in source.infolist():
            data = source.read(item)
            to.writestr(
                item, sheet.encode() if item.filename.startswith("xl/worksheets/") else data
            )
    return out.getvalue()


def test_a_slow_upload_does_not_stall_the_server(server: LiveServer) -> None:
    upload = slow_workbook()
    answer: dict[str, object] = {}

    def send() -> None:
        started = time.monotonic()
        reply = httpx.post(
            server.url + "/validate?alone=true",
            content=upload,
            headers={"Content-Type": XLSX, "Accept": "application/json"},
            timeout=120,
        )
        answer.update(status=reply.status_code, text=reply.text, seconds=time.monotonic() - started)

    thread = threading.Thread(target=send)
    thread.start()
    latencies = []
    with httpx.Client(timeout=60) as client:
        while thread.is_alive():
            started = time.monotonic()
            assert client.get(server.url + "/health").status_code == 200
            latencies.append(time.monotonic() - started)
            time.sleep(0.1)
    thread.join()
    assert answer["status"] == 400, answer
    assert "more time than it may (3 s)" in str(answer["text"])
    assert float(str(answer["seconds"])) < 10
    assert len(latencies) > 5 and max(latencies) < 1.0, max(latencies)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def connect(server: LiveServer) -> socket.socket:
    host, port = server.url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def closed_within(sockets: list[socket.socket], seconds: float) -> int:
    """How many of ``sockets`` the server closed (or answered and closed) within ``seconds``."""
    deadline = time.monotonic() + seconds
    closed = 0
    for s in sockets:
        s.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            while s.recv(4096):
                pass
            closed += 1
        except (TimeoutError, OSError):
            pass
    return closed


@pytest.mark.parametrize(
    "partial",
    [
        b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",  # headers never end
        b"",  # nothing at all after connecting
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query"
        b"\r\nContent-Length: 100\r\n\r\nASK {",  # a body that stops
    ],
    ids=["headers", "silent", "body"],
)
def test_half_sent_requests_are_timed_out(server: LiveServer, partial: bytes) -> None:
    sockets = [connect(server) for _ in range(20)]
    try:
        for s in sockets:
            s.sendall(partial)
        started = time.monotonic()
        assert httpx.get(server.url + "/health", timeout=5).status_code == 200
        assert closed_within(sockets, 8) == len(sockets)
        assert time.monotonic() - started < 8
    finally:
        for s in sockets:
            s.close()


def test_a_flood_of_connections_is_refused_past_the_cap(server: LiveServer) -> None:
    sockets = [connect(server) for _ in range(CONNECTIONS + 20)]
    try:
        time.sleep(0.5)
        refused = 0
        for s in sockets[CONNECTIONS - 5 :]:
            s.settimeout(0.5)
            with contextlib.suppress(TimeoutError):
                refused += s.recv(100).startswith(b"HTTP/1.1 503")
        assert refused >= 15
    finally:
        for s in sockets:
            s.close()
    time.sleep(0.5)
    assert httpx.get(server.url + "/health", timeout=5).status_code == 200


def soft_and_hard_descriptors(pid: int) -> tuple[int, int]:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max open files"):
            soft, hard = line.split()[3:5]
            return int(soft), int(hard)
    raise AssertionError("no descriptor limit")


def test_descriptors_short_is_never_a_500(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(EXAMPLE + "ex:a ex:p 1 .\n", encoding="utf-8")
    limited = ["prlimit", "--nofile=200:400", "--"]
    with running_server([str(data), "--workers", "2"], prefix=limited) as live:
        assert soft_and_hard_descriptors(live.process.pid) == (400, 400)
        sockets = []
        try:
            for _ in range(500):  # more than the server has descriptors
                try:
                    sockets.append(connect(live))
                except OSError:
                    break
            time.sleep(1)
            answers = []
            for _ in range(5):
                answer = httpx.get(live.url + "/sparql", params={"query": "ASK {}"}, timeout=10)
                answers.append(answer.status_code)
                assert answer.status_code == 200 or answer.headers.get("retry-after"), answer.text
            assert set(answers) <= {200, 503}, answers
        finally:
            for s in sockets:
                s.close()
        answer = httpx.get(live.url + "/sparql", params={"query": "ASK {}"}, timeout=10)
        assert answer.status_code == 200  # the flood gone, served again
