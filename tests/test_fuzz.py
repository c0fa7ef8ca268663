"""Property-based fuzzing, CI-sized: every route of the OpenAPI schema (schemathesis), the
catch-all linked-data paths, the SPARQL endpoint and the RDF loader (hypothesis).

The property is the same everywhere: no 5xx except the documented 503 (which carries
``Retry-After``), and an answer in bounded time. ``bench/fuzz.py`` runs the same properties
with many more cases and records the counts in ``docs/reliability.md``.
"""

import json
import os
import string
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from locations import REPO

from service.app import create_app
from service.loading.rdf import RdfSyntaxError, load_files
from service.settings import Settings
from service.store.querying import DatasetStore

#: Cases per operation (schemathesis) and per property (hypothesis): 25 in CI; the bench
#: (``bench/reliability.py``) sets SAMVERKAN_FUZZ_EXAMPLES for the full run.
CI_EXAMPLES = int(os.environ.get("SAMVERKAN_FUZZ_EXAMPLES", "25"))
#: If set, where the counts of cases (by test and outcome) are written as JSON at the end.
REPORT = os.environ.get("SAMVERKAN_FUZZ_REPORT")

Counts = dict[str, dict[str, int]]
#: Seconds any single answer may take (the query timeout plus a margin).
QUERY_TIMEOUT = 2.0
BOUND = QUERY_TIMEOUT + 8


def assert_acceptable(status: int, headers: Any, elapsed: float) -> None:
    """The fuzzing property: no 5xx but the documented 503, and no hang."""
    assert status < 500 or (status == 503 and "retry-after" in headers), status
    assert elapsed < BOUND, f"answer took {elapsed:.1f} s"


@pytest.fixture(scope="module")
def counts() -> Iterator[Counts]:
    """Cases run, by test and outcome (status code, or how loading ended)."""
    found: Counts = {}
    yield found
    if REPORT:
        Path(REPORT).write_text(json.dumps(found, indent=2, sort_keys=True), encoding="utf-8")


def _count(counts: Counts, test: str, outcome: object) -> None:
    outcomes = counts.setdefault(test, {})
    outcomes[str(outcome)] = outcomes.get(str(outcome), 0) + 1


@pytest.fixture(scope="module")
def app(curated_store: DatasetStore) -> Any:
    return create_app(Settings(query_timeout=QUERY_TIMEOUT, query_workers=1), curated_store)


@pytest.fixture(scope="module")
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _fuzz_operation(operation: Any, examples: int, seed: bool) -> dict[int, int]:
    """Send schemathesis's cases for one operation through the ASGI app; count the statuses."""
    statuses: dict[int, int] = {}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=seed,
        database=None,
    )
    def check(case: schemathesis.Case) -> None:
        started = time.monotonic()
        response = case.call()
        assert_acceptable(response.status_code, response.headers, time.monotonic() - started)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    check()
    return statuses


def fuzz_openapi(app: Any, examples: int, seed: bool = True) -> dict[str, dict[int, int]]:
    """Run schemathesis's cases for every operation of the app's OpenAPI schema.

    The property is :func:`assert_acceptable`. Returns, per operation, how many cases got
    each status (``bench/fuzz.py`` reports them).
    """
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return {
        result.ok().label: _fuzz_operation(result.ok(), examples, seed)
        for result in schema.get_all_operations()
    }


def test_every_openapi_route(app: Any, client: TestClient, counts: Counts) -> None:
    found = fuzz_openapi(app, CI_EXAMPLES)
    assert "POST /sparql" in found and "GET /queries/{name}" in found
    assert all(sum(statuses.values()) > 0 for statuses in found.values()), found
    for operation, statuses in found.items():
        counts[f"openapi {operation}"] = {str(k): v for k, v in statuses.items()}


# --- paths the schema does not list: linked data catches every GET ----------------------

SEGMENT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="/?#"), min_size=0, max_size=30
)
PATHS = st.lists(
    st.one_of(
        SEGMENT,
        st.sampled_from(["project", "partner", "ulf", "..", ".", "%00", "%ff", "ontology"]),
    ),
    min_size=1,
    max_size=6,
).map(lambda parts: "/" + "/".join(parts))
EXTENSIONS = st.sampled_from(["", ".ttl", ".html", ".jsonld", ".nt", ".rdf", ".exe", ".ttl.ttl"])
ACCEPTS = st.one_of(
    st.none(),
    st.sampled_from(["text/html", "text/turtle;q=abc", "*/*;q=2", ",,,", "application/"]),
    st.text(alphabet=string.printable.strip(), max_size=40),
)


@given(path=PATHS, extension=EXTENSIONS, accept=ACCEPTS)
@settings(max_examples=CI_EXAMPLES * 4, deadline=None, derandomize=True)
def test_linked_data_paths(
    client: TestClient, counts: Counts, path: str, extension: str, accept: str | None
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    started = time.monotonic()
    try:
        response = client.get(path + extension, headers=headers)
    except httpx.InvalidURL:  # the client itself refuses to send it: nothing reached the app
        _count(counts, "linked-data paths", "not sendable")
        return
    assert_acceptable(response.status_code, response.headers, time.monotonic() - started)
    _count(counts, "linked-data paths", response.status_code)


# --- SPARQL text ------------------------------------------------------------------------

TOKENS = st.sampled_from(
    [
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "WHERE",
        "{",
        "}",
        "(",
        ")",
        ".",
        ";",
        ",",
        "*",
        "?s",
        "?p",
        "?o",
        "?x",
        "<urn:a>",
        "<http://192.0.2.1/x>",
        "a",
        "OPTIONAL",
        "UNION",
        "FILTER",
        "MINUS",
        "BIND",
        "AS",
        "VALUES",
        "GRAPH",
        "SERVICE",
        "FROM",
        "ORDER BY",
        "GROUP BY",
        "HAVING",
        "LIMIT 5",
        "OFFSET",
        "COUNT",
        "DISTINCT",
        "|",
        "!",
        "/",
        "^",
        "+",
        "?",
        '"lit"',
        '"x"@sv',
        "1",
        "1.5e3",
        "REGEX",
        "STR",
        "LANG",
        "PREFIX ex: <http://example.org/>",
        "ex:p",
        "skg:sdg",
        "INSERT DATA",
        "LOAD",
        "BASE <file:///etc/>",
        "#",
        "\\u0000",
        '"""',
        "'",
    ]
)
#: Queries that parse, with fuzzed literals, numbers, formats and Accept headers.
VALID = st.builds(
    lambda head, text, number, tail: (
        f"{head} WHERE {{ ?s ?p ?o FILTER(CONTAINS(STR(?o), {json.dumps(text)}) "
        f"|| ?o = {number}) }} {tail}"
    ),
    st.sampled_from(["SELECT *", "SELECT DISTINCT ?s", "ASK", "CONSTRUCT { ?s ?p ?o }"]),
    st.text(max_size=20),
    st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)),
    st.sampled_from(["", "LIMIT 3", "ORDER BY ?o LIMIT 5", "OFFSET 99999999999", "LIMIT 0"]),
)
QUERIES = st.one_of(
    st.lists(TOKENS, min_size=1, max_size=30).map(" ".join),
    st.text(max_size=200),
    VALID,
)


@given(
    query=QUERIES,
    method=st.sampled_from(["GET", "POST-form", "POST-direct"]),
    accept=ACCEPTS,
    fmt=st.one_of(st.none(), st.sampled_from(["json", "xml", "csv", "tsv", "ttl", "x", ""])),
)
@settings(max_examples=CI_EXAMPLES * 4, deadline=None, derandomize=True)
def test_sparql_texts(
    client: TestClient, counts: Counts, query: str, method: str, accept: str | None, fmt: str | None
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    params = {"format": fmt} if fmt is not None else {}
    started = time.monotonic()
    if method == "GET":
        response = client.get("/sparql", params={"query": query, **params}, headers=headers)
    elif method == "POST-form":
        response = client.post("/sparql", data={"query": query}, params=params, headers=headers)
    else:
        response = client.post(
            "/sparql",
            content=query.encode("utf-8", "surrogatepass"),
            params=params,
            headers={**headers, "Content-Type": "application/sparql-query"},
        )
    assert_acceptable(response.status_code, response.headers, time.monotonic() - started)
    _count(counts, "SPARQL texts", response.status_code)


# --- saved questions with fuzzed parameter values ----------------------------------------

QUESTIONS = sorted(p.stem for p in (REPO / "queries").glob("*.rq"))
PARAMETER_NAMES = st.sampled_from(["lang", "date", "sdg", "resource", "year", "from", "to", "x"])


@given(
    name=st.sampled_from(QUESTIONS),
    values=st.dictionaries(PARAMETER_NAMES, st.text(max_size=40), max_size=3),
    fmt=st.sampled_from(["json", "csv", "html", "ttl", "bogus"]),
)
@settings(max_examples=CI_EXAMPLES * 4, deadline=None, derandomize=True)
def test_saved_question_parameters(
    client: TestClient, counts: Counts, name: str, values: dict[str, str], fmt: str
) -> None:
    started = time.monotonic()
    response = client.get(f"/queries/{name}", params={**values, "format": fmt})
    assert_acceptable(response.status_code, response.headers, time.monotonic() - started)
    _count(counts, "saved questions", response.status_code)


# --- RDF files --------------------------------------------------------------------------

SEEDS = {
    ".ttl": '@prefix ex: <http://example.org/> .\nex:a ex:p "alfa"@sv ; ex:q ( 1 2 [ ex:r ex:b ] ) .\n',
    ".nt": '<http://example.org/a> <http://example.org/p> "alfa"@sv .\n',
    ".jsonld": '{"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:p": [{"@value": "alfa"}]}',
    ".rdf": (
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:ex="http://example.org/">\n<rdf:Description rdf:about="http://example.org/a">'
        "<ex:p>alfa</ex:p></rdf:Description>\n</rdf:RDF>\n"
    ),
    ".trig": "@prefix ex: <http://example.org/> .\nex:g { ex:a ex:p ex:b . }\n",
}
HOSTILE_BITS = st.sampled_from(
    [
        b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
        b"&a;",
        b"\xff",
        b"\xc0\xaf",
        b"\x00",
        b"{" * 500,
        b'"@context": "http://192.0.2.1/c"',
        b"@import",
        b'"""',
        b"[",
        b"(",
        b"\\u00",
        b"<http://192.0.2.1/x>",
        b"\n",
        b"#",
        b"@prefix : <",
        b"]]>",
        b"<![CDATA[",
    ]
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed document cut, spliced with hostile bits, or with random bytes put in."""
    suffix = draw(st.sampled_from(sorted(SEEDS)))
    data = SEEDS[suffix].encode()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "insert", "bytes", "repeat"]))
        if action == "cut":
            data = data[:at]
        elif action == "insert":
            data = data[:at] + draw(HOSTILE_BITS) + data[at:]
        elif action == "bytes":
            data = data[:at] + draw(st.binary(max_size=20)) + data[at:]
        else:
            data = data[:at] + data[at:] * draw(st.integers(2, 5))
    return suffix, data


@given(document=mutated())
@settings(
    max_examples=CI_EXAMPLES * 4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_rdf_files(tmp_path: Path, counts: Counts, document: tuple[str, bytes]) -> None:
    """Whatever the bytes, loading ends in a graph or a ``file:line`` error, in bounded time."""
    suffix, data = document
    path = tmp_path / f"fuzzed{suffix}"
    path.write_bytes(data)
    started = time.monotonic()
    try:
        load_files([path])
        _count(counts, "RDF files", "loaded")
    except RdfSyntaxError as error:
        assert str(error).startswith(str(path))
        _count(counts, "RDF files", "refused with file:line")
    assert time.monotonic() - started < BOUND
