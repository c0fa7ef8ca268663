"""The SPARQL 1.1 Protocol endpoint through the real app: methods, dataset, formats, guards."""

import csv
import io
import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator

import httpx
import pytest
from engines import EMBEDDED, SPARQL_BACKENDS, Engines, store_of
from fastapi import FastAPI
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF
from rdflib.util import from_n3

from service import formats as f
from service.app import create_app
from service.build import build_store
from service.namespaces import SD
from service.settings import Settings
from service.sparql.description import FORMAT_IRIS

BACKENDS = EMBEDDED

EX = Namespace("http://example.org/")
SRX = "{http://www.w3.org/2005/sparql-results#}"

DATA = """
@prefix ex: <http://example.org/> .
ex:a ex:p "alpha"@en ; ex:n 1 .
ex:b ex:p "beta" .
ex:g1 { ex:c ex:p "gamma" . }
ex:g2 { ex:d ex:p "delta" . }
"""
SELECT = "PREFIX ex: <http://example.org/> SELECT ?s ?o WHERE { ?s ex:p ?o } ORDER BY ?s"
EXPECTED_ROWS = {(EX.a, Literal("alpha", lang="en")), (EX.b, Literal("beta"))}
CONSTRUCT = "PREFIX ex: <http://example.org/> CONSTRUCT { ?s ex:label ?o } WHERE { ?s ex:p ?o }"


def expected_graph() -> Graph:
    graph = Graph()
    for s, o in EXPECTED_ROWS:
        graph.add((s, EX.label, o))
    return graph


def build_app(data: str, settings: Settings) -> FastAPI:
    dataset = Dataset()
    dataset.parse(data=data, format="trig")
    return create_app(settings, build_store(dataset, settings.store))


@pytest.fixture(scope="module", params=SPARQL_BACKENDS)
def client(request: pytest.FixtureRequest, engines: Engines) -> Iterator[TestClient]:
    """The app on each backend: embedded ones, and a remote engine holding the same data."""
    settings = Settings(max_query_length=2_000)
    dataset = Dataset()
    dataset.parse(data=DATA, format="trig")
    with TestClient(create_app(settings, store_of(dataset, request.param, engines))) as test_client:
        yield test_client


# --- parsing answers back, each format with its own reader -----------------------------


def json_rows(body: bytes) -> set[tuple[object, ...]]:
    def term(cell: dict[str, str]) -> object:
        if cell["type"] == "uri":
            return URIRef(cell["value"])
        return Literal(cell["value"], lang=cell.get("xml:lang"), datatype=cell.get("datatype"))

    data = json.loads(body)
    names = data["head"]["vars"]
    return {tuple(term(b[n]) for n in names) for b in data["results"]["bindings"]}


def xml_rows(body: bytes) -> set[tuple[object, ...]]:
    root = ET.fromstring(body)
    names = [v.get("name") for v in root.iter(SRX + "variable")]
    rows = set()
    for result in root.iter(SRX + "result"):
        cells: dict[str | None, object] = {}
        for binding in result.iter(SRX + "binding"):
            uri, literal = binding.find(SRX + "uri"), binding.find(SRX + "literal")
            if uri is not None:
                cells[binding.get("name")] = URIRef(uri.text or "")
            elif literal is not None:
                lang = literal.get("{http://www.w3.org/XML/1998/namespace}lang")
                cells[binding.get("name")] = Literal(literal.text or "", lang=lang)
        rows.add(tuple(cells.get(n) for n in names))
    return rows


def csv_rows(body: bytes) -> set[tuple[str, ...]]:
    reader = csv.reader(io.StringIO(body.decode("utf-8")))
    header = next(reader)
    assert header == ["s", "o"]
    return {tuple(row) for row in reader if row}


def tsv_rows(body: bytes) -> set[tuple[object, ...]]:
    reader = csv.reader(io.StringIO(body.decode("utf-8")), delimiter="\t", quotechar="\x00")
    header = next(reader)
    assert header == ["?s", "?o"]
    return {tuple(from_n3(cell) for cell in row) for row in reader if row}


def xml_boolean(body: bytes) -> bool:
    element = ET.fromstring(body).find(SRX + "boolean")
    assert element is not None
    return element.text == "true"


# --- query methods -------------------------------------------------------------------------


def test_get_query(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(f.JSON_RESULTS.media_type)
    assert "Accept" in response.headers["vary"].split(", ")
    assert json_rows(response.content) == EXPECTED_ROWS


def test_post_form(client: TestClient) -> None:
    response = client.post("/sparql", data={"query": SELECT})
    assert response.status_code == 200
    assert json_rows(response.content) == EXPECTED_ROWS


def test_post_direct(client: TestClient) -> None:
    response = client.post(
        "/sparql",
        content=SELECT.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query; charset=utf-8"},
    )
    assert response.status_code == 200
    assert json_rows(response.content) == EXPECTED_ROWS


def test_graph_parameters_replace_from(client: TestClient) -> None:
    query = "SELECT ?s FROM <http://example.org/g1> WHERE { ?s ?p ?o }"
    response = client.get("/sparql", params=[("query", query), ("default-graph-uri", str(EX.g2))])
    assert json_rows(response.content) == {(EX.d,)}
    both = client.get(
        "/sparql",
        params=[
            ("query", "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }"),
            ("named-graph-uri", str(EX.g1)),
            ("named-graph-uri", str(EX.g2)),
        ],
    )
    assert json_rows(both.content) == {(EX.g1, EX.c), (EX.g2, EX.d)}
    form = client.post(
        "/sparql",
        data={"query": "SELECT ?s WHERE { ?s ?p ?o }", "default-graph-uri": str(EX.g1)},
    )
    assert json_rows(form.content) == {(EX.c,)}


# --- formats -------------------------------------------------------------------------------


def test_every_solution_format(client: TestClient) -> None:
    def get(accept: str) -> bytes:
        response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": accept})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == accept
        return bytes(response.content)

    assert json_rows(get(f.JSON_RESULTS.media_type)) == EXPECTED_ROWS
    assert xml_rows(get(f.XML_RESULTS.media_type)) == EXPECTED_ROWS
    assert csv_rows(get(f.CSV.media_type)) == {(str(s), str(o)) for s, o in EXPECTED_ROWS}
    assert tsv_rows(get(f.TSV.media_type)) == EXPECTED_ROWS


def test_ask_formats(client: TestClient) -> None:
    query = 'PREFIX ex: <http://example.org/> ASK { ex:b ex:p "beta" }'
    as_json = client.get("/sparql", params={"query": query})
    assert json.loads(as_json.content)["boolean"] is True
    as_xml = client.get(
        "/sparql", params={"query": query}, headers={"Accept": f.XML_RESULTS.media_type}
    )
    assert xml_boolean(as_xml.content) is True


@pytest.mark.parametrize("media_type", [fmt.media_type for fmt in f.GRAPH_TYPES])
def test_every_graph_format(client: TestClient, media_type: str) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": media_type})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type
    fmt = f.by_media_type(media_type).rdflib
    if media_type in (f.NQUADS.media_type, f.TRIG.media_type):
        dataset = Dataset()
        dataset.parse(data=response.text, format=fmt)
        parsed = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            parsed.add((s, p, o))
    else:
        parsed = Graph().parse(data=response.text, format="nt" if fmt == "nt11" else fmt)
    assert isomorphic(parsed, expected_graph())


def test_describe(client: TestClient) -> None:
    response = client.post(
        "/sparql",
        content=b"DESCRIBE <http://example.org/b>",
        headers={"Content-Type": "application/sparql-query", "Accept": f.NTRIPLES.media_type},
    )
    graph = Graph().parse(data=response.text, format="nt")
    assert (EX.b, EX.p, Literal("beta")) in graph


def test_format_parameter_overrides_accept(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": SELECT, "format": "csv"},
        headers={"Accept": f.XML_RESULTS.media_type},
    )
    assert response.headers["content-type"].startswith(f.CSV.media_type)
    assert csv_rows(response.content) == {(str(s), str(o)) for s, o in EXPECTED_ROWS}
    bogus = client.get("/sparql", params={"query": SELECT, "format": "png"})
    assert bogus.status_code == 406


def test_not_acceptable(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Accept": f.CSV.media_type}
    )
    assert response.status_code == 406
    assert f.JSON_RESULTS.media_type in response.text  # the message says what is available
    image = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "image/png"})
    assert image.status_code == 406


# --- service description -------------------------------------------------------------------


def test_service_description(client: TestClient) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(f.TURTLE.media_type)
    graph = Graph().parse(data=response.text, format="turtle")
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert service is not None
    assert graph.value(service, SD.endpoint) == URIRef("http://testserver/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert set(graph.objects(service, SD.resultFormat)) == set(FORMAT_IRIS.values())
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in FORMAT_IRIS.values()
    assert (service, SD.feature, SD.BasicFederatedQuery) not in graph
    assert (None, SD.feature, SD.UnionDefaultGraph) not in graph
    dataset = graph.value(service, SD.defaultDataset)
    assert graph.value(dataset, SD.defaultGraph) is not None
    names = {graph.value(g, SD.name) for g in graph.objects(dataset, SD.namedGraph)}
    assert names == {EX.g1, EX.g2}
    for named in graph.objects(dataset, SD.namedGraph):
        assert (named, RDF.type, SD.NamedGraph) in graph


def test_service_description_negotiated(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": f.JSONLD.media_type})
    assert response.headers["content-type"].startswith(f.JSONLD.media_type)
    graph = Graph().parse(data=response.text, format="json-ld")
    assert (None, SD.endpoint, URIRef("http://testserver/sparql")) in graph
    assert client.get("/sparql", headers={"Accept": "image/png"}).status_code == 406


# --- refusals ------------------------------------------------------------------------------


def assert_read_only(response: httpx.Response) -> None:
    assert response.status_code == 403
    assert "read-only" in response.text


def test_updates_are_refused(client: TestClient) -> None:
    assert_read_only(client.get("/sparql", params={"update": "CLEAR ALL"}))
    assert_read_only(client.post("/sparql", data={"update": "CLEAR ALL"}))
    assert_read_only(
        client.post(
            "/sparql",
            content=b"DROP ALL",
            headers={"Content-Type": "application/sparql-update"},
        )
    )
    assert_read_only(client.get("/sparql", params={"query": "INSERT DATA { <a:b> <a:c> 1 }"}))
    assert_read_only(client.post("/sparql", data={"query": "LOAD <http://192.0.2.1/x>"}))
    after = client.get("/sparql", params={"query": SELECT})
    assert json_rows(after.content) == EXPECTED_ROWS


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://192.0.2.1/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://192.0.2.1/> { ?s ?q ?r } } }",
        "ASK { FILTER EXISTS { SERVICE ?endpoint { ?s ?p ?o } } }",
        "SELECT * { { SELECT ?s { service <http://192.0.2.1/> { ?s ?p ?o } } } }",
    ],
)
def test_service_is_refused(client: TestClient, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "federated queries are disabled" in response.text


def test_service_in_a_string_is_just_text(client: TestClient) -> None:
    query = 'SELECT ?t WHERE { BIND("SERVICE <http://192.0.2.1/>" AS ?t) }'
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert json_rows(response.content) == {(Literal("SERVICE <http://192.0.2.1/>"),)}


def test_query_too_long(client: TestClient) -> None:
    long_query = SELECT + " #" + "x" * 2_000
    response = client.post("/sparql", data={"query": long_query})
    assert response.status_code == 413
    assert "query too long" in response.text


def test_malformed_query_says_where(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?s\nWHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "syntax error at line 2, column" in response.text


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({"Content-Type": "text/plain"}, b"ASK {}", 415),
        ({}, b"query=ASK%20%7B%7D", 415),
        (
            {"Content-Type": "application/sparql-query; charset=UTF-16"},
            "ASK {}".encode("utf-16"),
            415,
        ),
        ({"Content-Type": "application/sparql-query"}, b"ASK {\xff}", 400),
        (
            {"Content-Type": "application/x-www-form-urlencoded"},
            b"query=ASK%7B%7D&query=ASK%7B%7D",
            400,
        ),
        (
            {"Content-Type": "application/x-www-form-urlencoded"},
            b"query=ASK%7B%7D&update=CLEAR%20ALL",
            400,
        ),
        (
            {"Content-Type": "application/x-www-form-urlencoded"},
            b"default-graph-uri=http%3A%2F%2Fx",
            400,
        ),
        ({"Content-Type": "application/x-www-form-urlencoded"}, b"query=%20", 400),
        (
            {"Content-Type": "application/x-www-form-urlencoded"},
            b"query=ASK%7B%7D&default-graph-uri=not%20an%20iri",
            400,
        ),
    ],
)
def test_bad_requests(
    client: TestClient, headers: dict[str, str], body: bytes, status: int
) -> None:
    response = client.post("/sparql", content=body, headers=headers)
    assert response.status_code == status
    assert response.text.strip()  # a message, not an empty body


def test_other_methods_are_not_allowed(client: TestClient) -> None:
    assert client.put("/sparql", params={"query": "ASK {}"}).status_code == 405
    assert client.delete("/sparql").status_code == 405


# --- limits and workers --------------------------------------------------------------------


def test_max_rows_truncates_with_a_header(make_client: Callable[..., TestClient]) -> None:
    client = make_client(DATA, max_rows=1)
    response = client.get("/sparql", params={"query": SELECT})
    assert response.status_code == 200
    assert response.headers["x-result-truncated"] == "true"
    assert response.headers["x-sparql-maxrows"] == "1"
    assert len(json_rows(response.content)) == 1
    small = client.get("/sparql", params={"query": "ASK {}"})
    assert "x-result-truncated" not in small.headers


def many_triples(count: int) -> str:
    return "\n".join(
        f"<http://example.org/s{i}> <http://example.org/p> {i} ." for i in range(count)
    )


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("backend", BACKENDS)
def test_timeout_kills_and_replaces_the_worker(
    make_client: Callable[..., TestClient], backend: str
) -> None:
    client = make_client(many_triples(300), store=backend, query_timeout=1.0, query_workers=1)
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    store = client.app.state.store  # type: ignore[attr-defined]
    [before] = store.worker_pids()
    started = time.monotonic()
    response = client.get("/sparql", params={"query": RUNAWAY})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "timeout" in response.text
    assert 1.0 <= elapsed < 5
    # The killed worker is replaced; the next query is answered by the new one.
    after = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert after.status_code == 200 and json.loads(after.content)["boolean"] is True
    [replacement] = store.worker_pids()
    assert replacement != before and not alive(before)


def test_workers_stop_with_the_app() -> None:
    app = build_app(DATA, Settings(query_workers=2))
    with TestClient(app) as client:
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
        pids = app.state.store.worker_pids()
        assert len(pids) == 2 and all(alive(pid) for pid in pids)
    assert app.state.store.worker_pids() == []
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in pids)
