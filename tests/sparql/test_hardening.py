"""The HTTP side's defences, each through the real app: headers, CORS, caps, bad protocol use,
the admission gate, and runaway queries of every shape stopped at the timeout.

The fast checks use the ASGI app in-process on the curated graph; the ones about processes
and concurrency (a worker killed, clients refused while others run) use a real
``samverkan serve`` on loopback.
"""

import concurrent.futures
import os
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from live import running_server

from service.app import create_app
from service.headers import CONTENT_SECURITY_POLICY, DOCS_POLICY
from service.settings import Settings
from service.store.querying import DatasetStore

SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(max_body_bytes=100_000, max_query_length=2_000)


@pytest.fixture(scope="module")
def client(curated_store: DatasetStore, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, curated_store), raise_server_exceptions=False) as test:
        yield test


# --- headers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/?lang=en", "/compare", "/project/ulf?format=html", "/queries?format=html", "/accessibility"],
)
def test_html_pages_carry_a_strict_policy(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert policy == CONTENT_SECURITY_POLICY
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"  # no inline script, no eval, no CDN
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path", ["/health", f"/sparql?query={SELECT}", "/project/ulf.ttl", "/compare.csv", "/nope"]
)
def test_every_answer_is_nosniff(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert response.headers["x-content-type-options"] == "nosniff"


def test_only_the_api_docs_get_the_docs_policy(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == DOCS_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY.split("style-src-attr")[0]


def test_a_not_found_page_has_the_policy_too(client: TestClient) -> None:
    response = client.get("/project/no-such", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


class _BrokenStore:
    """A store whose queries fail with a message full of internals."""

    name = "broken"

    def configure_queries(
        self, workers: int, timeout: float, memory: int | None = None
    ) -> None: ...

    def close(self) -> None: ...

    def triple_count(self) -> int:
        raise RuntimeError("secret: /srv/samverkan/private/key.pem at 0xdeadbeef")


def test_an_internal_error_shows_no_internals(settings: Settings) -> None:
    app = create_app(settings, _BrokenStore())  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as broken:
        response = broken.get("/health")
    assert response.status_code == 500
    assert response.text.startswith("internal error:")
    for leak in ("secret", "/srv", "0xdeadbeef", "Traceback", "RuntimeError"):
        assert leak not in response.text


# --- CORS -------------------------------------------------------------------------------


def test_cors_by_default_allows_any_origin_without_credentials(client: TestClient) -> None:
    simple = client.get("/health", headers={"Origin": "https://anywhere.example"})
    assert simple.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in simple.headers
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://anywhere.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert set(preflight.headers["access-control-allow-methods"].split(", ")) == {"GET", "POST"}
    assert "access-control-allow-credentials" not in preflight.headers
    refused = client.options(
        "/sparql",
        headers={"Origin": "https://anywhere.example", "Access-Control-Request-Method": "DELETE"},
    )
    assert refused.status_code == 400


def test_cors_can_be_turned_off(curated_store: DatasetStore) -> None:
    app = create_app(Settings(cors_origins=[]), curated_store)
    with TestClient(app) as closed:
        response = closed.get("/health", headers={"Origin": "https://anywhere.example"})
    assert "access-control-allow-origin" not in response.headers


# --- body and length caps ---------------------------------------------------------------


def test_a_declared_body_over_the_cap_is_413_before_it_is_read(client: TestClient) -> None:
    for method, path in (("POST", "/sparql"), ("POST", "/health"), ("GET", "/project/ulf")):
        response = client.request(
            method,
            path,
            content=b"x" * 100_001,
            headers={"Content-Type": "application/sparql-query"},
        )
        assert response.status_code == 413, (method, path, response.text)
        assert "request body too large (the limit is 100000 bytes)" in response.text


def test_a_streamed_body_over_the_cap_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(200):
            yield b"(" * 1000

    response = client.post(
        "/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413
    assert "too large" in response.text


def test_a_broken_content_length_is_400(client: TestClient) -> None:
    response = client.get("/health", headers={"Content-Length": "lots"})
    assert response.status_code == 400
    assert "Content-Length" in response.text


def test_a_query_over_the_length_cap_is_413(client: TestClient) -> None:
    query = "ASK {}" + " " * 2_000
    assert client.get("/sparql", params={"query": query}).status_code == 413
    posted = client.post(
        "/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
    )
    assert posted.status_code == 413


# --- malformed protocol use -------------------------------------------------------------

MALFORMED: list[tuple[str, str, dict[str, str], bytes | None, int]] = [
    ("PUT", "/sparql", {}, b"ASK {}", 405),
    ("DELETE", "/sparql", {}, None, 405),
    ("PATCH", "/project/ulf", {}, None, 405),
    ("POST", "/compare", {}, None, 405),
    ("GET", "/sparql?query=%FF", {}, None, 400),
    ("GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", {}, None, 400),
    ("GET", "/sparql?query=ASK%7B%7D", {"Accept": "text/html;q=abc"}, None, 406),
    ("GET", "/sparql?query=ASK%7B%7D", {"Accept": ",,,;;"}, None, 406),
    ("GET", "/sparql?query=ASK%7B%7D", {"Accept": "application/"}, None, 406),
    ("GET", "/sparql", {"Accept": "garbage/;;q=x"}, None, 406),
    ("GET", "/sparql?query=ASK%7B%7D&default-graph-uri=%00", {}, None, 400),
    ("POST", "/sparql", {"Content-Type": "text/plain"}, b"ASK {}", 415),
    ("POST", "/sparql", {"Content-Type": ";;;"}, b"ASK {}", 415),
    ("POST", "/sparql", {"Content-Type": "application/sparql-query; charset=latin-1"}, b"", 415),
    ("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded; charset"}, b"", 415),
    ("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, b"query=%FF", 400),
    ("POST", "/sparql", {"Content-Type": "application/sparql-query"}, b"\xff\xfe", 400),
    ("POST", "/sparql", {"Content-Type": "multipart/form-data; boundary=x"}, b"--x\r\n", 415),
    ("POST", "/sparql", {"Content-Type": "application/sparql-update"}, b"CLEAR ALL", 403),
    ("GET", "/sparql?query=" + "%7B" * 1_500, {}, None, 400),
    ("GET", "/%ff", {}, None, 404),
    ("GET", "/%C0%AF", {}, None, 404),
    ("GET", "/project/%00", {}, None, 404),
    ("GET", "/..%2f..%2fetc/passwd", {}, None, 404),
    ("GET", "/project/ulf.ttl.ttl", {}, None, 404),
    ("GET", "/" + "a" * 10_000, {}, None, 404),
    ("GET", "/project/ulf?format=bogus", {}, None, 406),
    ("GET", "/project/ulf", {"Accept": "text/turtle;q=abc"}, None, 200),  # read leniently
    ("GET", "/queries/projects-per-sdg?sdg=1&sdg=2", {}, None, 400),
    ("GET", "/queries/%ff", {}, None, 404),
    ("GET", "/dump?format=%00", {}, None, 406),
]


@pytest.mark.parametrize(("method", "path", "headers", "body", "status"), MALFORMED)
def test_malformed_requests_are_4xx_with_a_message_never_5xx(
    client: TestClient,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes | None,
    status: int,
) -> None:
    response = client.request(method, path, headers=headers, content=body)
    assert response.status_code == status, response.text[:300]
    assert response.text.strip(), "a refusal says why"


# --- concurrency and runaway queries on a real server ---------------------------------------

#: Each shape would run for hours on the curated graph; each must stop at the timeout.
RUNAWAY = {
    "cross join": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "(p|!p)* path": "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:p>|!<urn:p>)* ?b . ?c ?d ?e }",
    "huge ORDER BY": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i",
    "huge GROUP BY": (
        "SELECT ?a ?d (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } GROUP BY ?a ?d"
    ),
    "OPTIONAL chain": (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c OPTIONAL { ?d ?e ?f OPTIONAL { ?g ?h ?i "
        "OPTIONAL { ?j ?k ?l OPTIONAL { ?m ?n2 ?o } } } } }"
    ),
}
TIMEOUT = 2.0


def _group(pgid: int) -> dict[int, int]:
    """The processes of a process group: pid -> parent pid (from /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            found[int(entry.name)] = int(fields[1])
    return found


def _workers(pgid: int) -> set[int]:
    """Query workers: the grandchildren of the server (children of its forkserver)."""
    group = _group(pgid)
    return {pid for pid, parent in group.items() if parent != pgid and parent in group}


def _wait_for_workers(pgid: int, count: int, exclude: frozenset[int] = frozenset()) -> set[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = _workers(pgid)
        if len(workers) == count and not workers & exclude:
            return workers
        time.sleep(0.1)
    pytest.fail(f"expected {count} fresh workers, found {_workers(pgid)}")


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    args = ["--allow-invalid", "--workers", "1", "--timeout", str(TIMEOUT)]
    with running_server(args, env={"SAMVERKAN_QUERY_QUEUE": "1"}) as live:
        yield live.url, live.process.pid


@pytest.mark.parametrize("shape", sorted(RUNAWAY))
def test_runaway_queries_stop_at_the_timeout(shape: str, server: tuple[str, int]) -> None:
    url, pgid = server
    before = _wait_for_workers(pgid, 1)
    started = time.monotonic()
    response = httpx.post(url + "/sparql", data={"query": RUNAWAY[shape]}, timeout=60)
    elapsed = time.monotonic() - started
    assert response.status_code == 503, response.text
    assert response.text.startswith("query timeout"), response.text
    assert response.headers["retry-after"].isdigit()
    assert TIMEOUT <= elapsed < TIMEOUT + 10
    # The worker that ran it is gone (killed, not left computing), and a fresh one serves.
    after = _wait_for_workers(pgid, 1, exclude=frozenset(before))
    for pid in before:
        assert not os.path.exists(f"/proc/{pid}") or _group(pgid).get(pid) is None
    assert after
    ok = httpx.get(url + "/sparql", params={"query": SELECT}, timeout=30)
    assert ok.status_code == 200


def test_a_burst_is_bounded_and_pages_are_still_served(server: tuple[str, int]) -> None:
    """1 worker + a queue of 1: of six runaway queries two are admitted, four are refused at
    once with Retry-After; a page is served meanwhile, and queries run again afterwards."""
    url, pgid = server
    _wait_for_workers(pgid, 1)
    query = RUNAWAY["cross join"]

    def post() -> tuple[int, str, str | None, float]:
        started = time.monotonic()
        r = httpx.post(url + "/sparql", data={"query": query}, timeout=60)
        return r.status_code, r.text, r.headers.get("retry-after"), time.monotonic() - started

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        futures = [pool.submit(post) for _ in range(6)]
        time.sleep(0.5)
        page_started = time.monotonic()
        page = httpx.get(url + "/project/ulf", headers={"Accept": "text/html"}, timeout=30)
        page_time = time.monotonic() - page_started
        results = [f.result() for f in futures]
    assert page.status_code == 200
    assert page_time < TIMEOUT
    refused = [r for r in results if "queries are running or waiting" in r[1]]
    assert len(refused) == 4, [r[:2] for r in results]
    for status, _, retry_after, elapsed in refused:  # refused at once, not after waiting
        assert status == 503 and retry_after is not None and int(retry_after) >= 1
        assert elapsed < TIMEOUT
    # The two admitted ones: one ran into the timeout; the one queued behind it either ran
    # into it too or found no worker free within the timeout. All say when to retry.
    assert all(r[0] == 503 and r[2] is not None for r in results)
    assert any(r[1].startswith("query timeout") for r in results)
    _wait_for_workers(pgid, 1)
    assert httpx.get(url + "/sparql", params={"query": SELECT}, timeout=30).status_code == 200


RUNAWAY_QUESTION = """\
# title@sv: Skenande fråga
# title@en: Runaway question
# description@sv: En korsprodukt över hela grafen, sorterad: den blir aldrig klar.
# description@en: A cross join over the whole graph, sorted: it never finishes.
# param: tag string "Any text the literals are compared with" default=x
SELECT ?tag ?a ?d ?g WHERE {
  VALUES ?tag { UNDEF }
  ?a ?b ?c . ?d ?e ?f . ?g ?h ?i .
  FILTER(STR(?c) != ?tag)
} ORDER BY ?c ?f ?i
"""


def test_a_runaway_saved_question_stops_at_the_timeout(tmp_path: Path) -> None:
    """Saved questions run in the query workers too: a parameterised runaway is stopped at the
    timeout, its worker killed and replaced, like a client's query."""
    questions = tmp_path / "queries"
    questions.mkdir()
    (questions / "runaway.rq").write_text(RUNAWAY_QUESTION, encoding="utf-8")
    args = ["--allow-invalid", "--workers", "1", "--timeout", str(TIMEOUT)]
    with running_server(args, env={"SAMVERKAN_QUERIES_DIR": str(questions)}) as live:
        before = _wait_for_workers(live.process.pid, 1)
        started = time.monotonic()
        response = httpx.get(
            live.url + "/queries/runaway", params={"tag": "sv", "format": "json"}, timeout=60
        )
        elapsed = time.monotonic() - started
        assert response.status_code == 503, response.text
        assert "timeout" in response.text
        assert TIMEOUT <= elapsed < TIMEOUT + 10
        after = _wait_for_workers(live.process.pid, 1, exclude=frozenset(before))
        assert after and not after & set(before)
