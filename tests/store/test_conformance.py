"""The `Store` contract, run on every backend: each embedded one of the registry in memory,
each that keeps a store on disk in a folder, and a remote engine (a real `oxigraph serve`).

A new backend in ``service/store/backends.py`` runs this suite without a line here.
"""

import csv
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from engines import EVERY_STORE, Engines, store_of
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from service import formats as f
from service.build import build_store
from service.labels import fetch_labels
from service.settings import Settings
from service.store.backends import BACKENDS, default
from service.store.base import QueryUnavailable, SparqlRequest, Store, run_bound

EX = Namespace("http://example.org/")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
DATA = """
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:a ex:p "alpha"@en ; ex:n 1 ; rdfs:label "A på svenska"@sv , "A in English"@en .
ex:b ex:p "beta" ; ex:knows ex:a .
ex:g1 { ex:c ex:p "gamma" . }
ex:g2 { ex:d ex:p "delta" . }
"""
PREFIX = "PREFIX ex: <http://example.org/> "
#: Runs for minutes on any engine unless it is stopped.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?q }"


def dataset() -> Dataset:
    data = Dataset()
    data.parse(data=DATA, format="trig")
    return data


def many_triples(count: int) -> Dataset:
    data = Dataset()
    for n in range(count):
        data.add((EX[f"s{n}"], EX.p, Literal(n)))
    return data


@pytest.fixture(params=EVERY_STORE)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(kind: str, engines: Engines, tmp_path: Path) -> Iterator[Store]:
    made = store_of(dataset(), kind, engines, tmp_path)
    yield made
    made.close()


def quads(data: Dataset) -> set[tuple[object, ...]]:
    found: set[tuple[object, ...]] = set()
    for s, p, o, g in data.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        found.add((s, p, o, None if name == DATASET_DEFAULT_GRAPH_ID else name))
    return found


# --- the typed answers ---------------------------------------------------------------------


def test_select_reads_the_default_graph_with_rdflib_terms(store: Store) -> None:
    result = store.select(PREFIX + "SELECT ?s ?o WHERE { ?s ex:p ?o } ORDER BY ?s")
    assert result.variables == ["s", "o"]
    assert [(row["s"], row["o"]) for row in result.rows] == [
        (EX.a, Literal("alpha", lang="en")),
        (EX.b, Literal("beta")),
    ]


def test_select_leaves_unbound_variables_out(store: Store) -> None:
    result = store.select(PREFIX + "SELECT ?s ?n WHERE { ?s ex:p ?o OPTIONAL { ?s ex:n ?n } }")
    rows = {row["s"]: row.get("n") for row in result.rows}
    assert rows == {EX.a: Literal(1), EX.b: None}


def test_bindings_are_values(store: Store) -> None:
    query = PREFIX + "SELECT ?s ?o WHERE { ?s ex:p ?o }"
    result = store.select(query, bindings={"s": EX.b})
    assert [row["o"] for row in result.rows] == [Literal("beta")]


def test_ask(store: Store) -> None:
    assert store.ask(PREFIX + "ASK { ex:a ex:p ?o }") is True
    assert store.ask(PREFIX + "ASK { ex:c ex:p ?o }") is False  # in a named graph only
    assert store.ask(PREFIX + "ASK { GRAPH ex:g1 { ex:c ex:p ?o } }") is True


def test_construct_and_describe(store: Store) -> None:
    built = store.construct(PREFIX + "CONSTRUCT { ?s ex:q ?o } WHERE { ?s ex:p ?o }")
    assert isinstance(built, Graph)
    assert set(built) == {(EX.a, EX.q, Literal("alpha", lang="en")), (EX.b, EX.q, Literal("beta"))}
    described = store.construct(PREFIX + "DESCRIBE ex:b")
    assert (EX.b, EX.knows, EX.a) in described


def test_wrong_form_and_bad_syntax_are_errors(store: Store) -> None:
    with pytest.raises(ValueError):
        store.select(PREFIX + "ASK { ?s ?p ?o }")
    with pytest.raises(ValueError):
        store.select("SELEC ?s WHERE { ?s ?p ?o }")


def test_counts_graphs_and_dataset(store: Store) -> None:
    assert store.triple_count() == len(quads(dataset())) == 8
    assert list(store.named_graphs()) == [EX.g1, EX.g2]
    assert quads(store.dataset()) == quads(dataset())


def test_labels(store: Store) -> None:
    assert fetch_labels(store, [EX.a, EX.b], "sv") == {EX.a: "A på svenska"}
    assert fetch_labels(store, [EX.a], "en") == {EX.a: "A in English"}


def test_run_bound_under_the_timeout(store: Store) -> None:
    found = run_bound(store, PREFIX + "SELECT ?s ?o WHERE { ?s ex:p ?o }", {"s": EX.a})
    assert not isinstance(found, (bool, Graph))
    assert [row["o"] for row in found.rows] == [Literal("alpha", lang="en")]
    with pytest.raises(ValueError):
        run_bound(store, "SELECT nothing")


# --- a client's raw request -------------------------------------------------------------------


def solutions(body: bytes, fmt: f.Format) -> list[dict[str, str]]:
    """The rows of a SELECT answer in ``fmt``, each term as the engine's text."""
    if fmt is f.CSV:
        return [dict(row) for row in csv.DictReader(io.StringIO(body.decode("utf-8")))]
    assert isinstance(fmt.oxigraph, ox.QueryResultsFormat)
    parsed = ox.parse_query_results(body, fmt.oxigraph)
    assert isinstance(parsed, ox.QuerySolutions)
    names = [v.value for v in parsed.variables]
    return [{n: str(t.value) for n, t in zip(names, row, strict=True) if t} for row in parsed]


@pytest.mark.parametrize("fmt", f.SOLUTION_TYPES, ids=lambda fmt: fmt.name)
def test_raw_select_in_each_format(store: Store, fmt: f.Format) -> None:
    query = PREFIX + "SELECT ?s ?o WHERE { ?s ex:p ?o } ORDER BY ?s"
    reply = store.sparql(SparqlRequest(query, accept=fmt.media_type))
    assert (reply.status, reply.media_type) == (200, fmt.media_type), reply.body
    rows = solutions(reply.body, fmt)
    assert [(row["s"], row["o"]) for row in rows] == [(str(EX.a), "alpha"), (str(EX.b), "beta")]


@pytest.mark.parametrize("fmt", f.BOOLEAN_TYPES, ids=lambda fmt: fmt.name)
def test_raw_ask_in_each_format(store: Store, fmt: f.Format) -> None:
    for query, expected in ((PREFIX + "ASK { ex:a ?p ?o }", True), ("ASK { <x:no> ?p ?o }", False)):
        reply = store.sparql(SparqlRequest(query, accept=fmt.media_type))
        assert (reply.status, reply.media_type) == (200, fmt.media_type), reply.body
        assert isinstance(fmt.oxigraph, ox.QueryResultsFormat)
        assert bool(ox.parse_query_results(reply.body, fmt.oxigraph)) is expected


@pytest.mark.parametrize("fmt", f.GRAPH_TYPES, ids=lambda fmt: fmt.name)
def test_raw_construct_in_each_format(store: Store, fmt: f.Format) -> None:
    query = PREFIX + "CONSTRUCT { ?s ex:q ?o } WHERE { ?s ex:p ?o }"
    reply = store.sparql(SparqlRequest(query, accept=fmt.media_type))
    assert (reply.status, reply.media_type) == (200, fmt.media_type), reply.body
    graph = Dataset()
    graph.parse(data=reply.body, format=fmt.rdflib)
    assert {(s, p, o) for s, p, o, _ in graph.quads((None, None, None, None))} == {
        (EX.a, EX.q, Literal("alpha", lang="en")),
        (EX.b, EX.q, Literal("beta")),
    }


def test_raw_request_dataset_base_and_row_limit(store: Store) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    reply = store.sparql(
        SparqlRequest(query, accept=f.JSON_RESULTS.media_type, default_graphs=(str(EX.g1),))
    )
    assert [row["s"] for row in solutions(reply.body, f.JSON_RESULTS)] == [str(EX.c)]
    relative = store.sparql(
        SparqlRequest("ASK { <a> ?p ?o }", accept="application/sparql-results+json", base_iri=EX)
    )
    assert json.loads(relative.body)["boolean"] is True
    cut = store.sparql(SparqlRequest(query, accept=f.TSV.media_type, max_rows=2))
    assert cut.truncated and len(solutions(cut.body, f.TSV)) == 2


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("SELEC ?s WHERE { ?s ?p ?o }", 400),
        ("SELECT ?s WHERE { undeclared:x ?p ?s }", 400),
        ("INSERT DATA { <x:a> <x:b> <x:c> }", 403),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 400),
    ],
)
def test_refused_requests_say_why(store: Store, query: str, status: int) -> None:
    reply = store.sparql(SparqlRequest(query, accept=f.JSON_RESULTS.media_type))
    assert reply.status == status and reply.media_type == "text/plain"
    assert reply.body.strip(), "a refusal carries a message"


def test_unacceptable_format_is_406(store: Store) -> None:
    reply = store.sparql(SparqlRequest("ASK {}", accept="text/turtle"))
    assert reply.status == 406


def test_a_query_past_the_timeout_is_stopped(kind: str, engines: Engines, tmp_path: Path) -> None:
    running = engines.running()
    store = store_of(many_triples(300), kind, engines, tmp_path)
    try:
        store.configure_queries(1, 1.0)
        store.start()
        started = time.monotonic()
        reply = store.sparql(SparqlRequest(RUNAWAY, accept=f.JSON_RESULTS.media_type))
        assert reply.status == 503 and b"timeout" in reply.body
        assert time.monotonic() - started < 10
        with pytest.raises(QueryUnavailable):
            run_bound(store, RUNAWAY)
        after = store.sparql(SparqlRequest("ASK { ?s ?p ?o }", accept="application/json"))
        assert after.status == 200 and json.loads(after.body)["boolean"] is True
    finally:
        store.close()
        engines.stop(keep=running)  # a remote engine would go on counting


def test_the_registry_is_the_one_list_of_backends() -> None:
    """The settings' default is the registry's default; each name builds its own backend."""
    assert Settings().store == default().name
    for name, backend in BACKENDS.items():
        assert build_store(dataset(), name).name == name == backend.name
    with pytest.raises(ValueError, match="known: " + ", ".join(BACKENDS)):
        build_store(dataset(), "no-such-engine")
