"""Reliability of a real `samverkan serve` process: hostile clients and failing workers.

One server for the module (a small graph, short query timeout); each test leaves it serving.
"""

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live import LiveServer, running_server

EXAMPLE = "@prefix ex: <http://example.org/> .\n"
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
    budget = {"SAMVERKAN_QUERY_MEMORY": str(MEMORY_MIB)}
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
