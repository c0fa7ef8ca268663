"""Both store backends pass the same tests: dataset semantics, bindings, limits, loading."""

from collections.abc import Callable
from pathlib import Path

import pytest
from engines import EMBEDDED
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD

from service.build import build_store, open_store, store_from_nquads
from service.settings import Settings
from service.store.base import SelectResult
from service.store.querying import DatasetStore, QueryError, QuerySyntaxError
from service.store.rdflib_store import RdflibStore

EX = Namespace("http://example.org/")

DATA = """
@prefix ex: <http://example.org/> .
ex:a ex:p "alpha"@en ; ex:n 1 .
ex:b ex:p "beta" .
ex:g1 { ex:c ex:p "gamma" . }
ex:g2 { ex:d ex:p "delta" . ex:a ex:q ex:d . }
"""
PREFIX = "PREFIX ex: <http://example.org/> "

MakeStore = Callable[[str, str], DatasetStore]


@pytest.fixture
def store(make_store: MakeStore, backend: str) -> DatasetStore:
    return make_store(DATA, backend)


def quads(dataset: Dataset) -> set[tuple[object, ...]]:
    """The dataset's quads, the default graph named None (the data has no blank nodes)."""
    found: set[tuple[object, ...]] = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        found.add((s, p, o, None if name == DATASET_DEFAULT_GRAPH_ID else name))
    return found


def subjects(result: SelectResult, name: str = "s") -> set[object]:
    return {row[name] for row in result.rows if name in row}


def test_default_graph_is_not_the_union(store: DatasetStore) -> None:
    result = store.select(PREFIX + "SELECT DISTINCT ?s WHERE { ?s ?p ?o }")
    assert subjects(result) == {EX.a, EX.b}


def test_named_graphs_are_kept(store: DatasetStore) -> None:
    result = store.select("SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert {(row["g"], row["s"]) for row in result.rows} == {
        (EX.g1, EX.c),
        (EX.g2, EX.d),
        (EX.g2, EX.a),
    }
    assert store.named_graphs() == [EX.g1, EX.g2]
    assert store.triple_count() == 6


def test_from_and_from_named(store: DatasetStore) -> None:
    from_g1 = store.select(PREFIX + "SELECT ?s FROM ex:g1 WHERE { ?s ?p ?o }")
    assert subjects(from_g1) == {EX.c}
    named = store.select(PREFIX + "SELECT ?g ?s FROM NAMED ex:g2 WHERE { GRAPH ?g { ?s ex:p ?o } }")
    assert {(row["g"], row["s"]) for row in named.rows} == {(EX.g2, EX.d)}
    # A graph the dataset lacks is empty: nothing is ever fetched.
    missing = store.select("SELECT ?s FROM <http://192.0.2.1/nowhere> WHERE { ?s ?p ?o }")
    assert missing.rows == []


def test_protocol_dataset_overrides_from(store: DatasetStore) -> None:
    result = store.query(
        PREFIX + "SELECT ?s FROM ex:g1 WHERE { ?s ?p ?o }", default_graphs=[str(EX.g2)]
    )
    assert isinstance(result.value, SelectResult)
    assert subjects(result.value) == {EX.d, EX.a}
    only_named = store.query(
        "SELECT ?g ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
        named_graphs=[str(EX.g1)],
    )
    assert isinstance(only_named.value, SelectResult)
    # The default graph is empty when the protocol names only named graphs.
    assert {(row.get("g"), row["s"]) for row in only_named.value.rows} == {(EX.g1, EX.c)}
    both = store.query("SELECT ?s WHERE { ?s ?p ?o }", default_graphs=[str(EX.g1), str(EX.g2)])
    assert isinstance(both.value, SelectResult)
    assert subjects(both.value) == {EX.c, EX.d, EX.a}


def test_terms_are_rdflib_terms(store: DatasetStore) -> None:
    result = store.select(PREFIX + "SELECT ?o ?n WHERE { ?s ex:p ?o OPTIONAL { ?s ex:n ?n } }")
    values = {row["o"]: row.get("n") for row in result.rows}
    assert values == {
        Literal("alpha", lang="en"): Literal(1),
        Literal("beta"): None,
    }
    assert Literal(1).datatype == XSD.integer


def test_bindings_are_values_not_text(store: DatasetStore) -> None:
    query = PREFIX + "SELECT ?s ?o WHERE { ?s ex:p ?o }"
    result = store.select(query, bindings={"s": EX.a})
    assert [row["o"] for row in result.rows] == [Literal("alpha", lang="en")]
    hostile = Literal('x" } UNION { ?s ?p ?o } #')
    assert store.ask(PREFIX + "ASK { ?s ex:p ?o }", bindings={"o": hostile}) is False
    assert store.ask(PREFIX + "ASK { ?s ex:p ?o }", bindings={"?o": Literal("beta")}) is True
    graph = store.construct(
        PREFIX + "CONSTRUCT { ?s ex:label ?o } WHERE { ?s ex:p ?o }", bindings={"s": EX.b}
    )
    assert set(graph) == {(EX.b, EX.label, Literal("beta"))}


def test_select_bindings_must_be_projected(store: DatasetStore) -> None:
    with pytest.raises(QueryError, match="projection"):
        store.select(PREFIX + "SELECT ?o WHERE { ?s ex:p ?o }", bindings={"s": EX.a})


def test_construct_describe_ask(store: DatasetStore) -> None:
    graph = store.construct(PREFIX + "CONSTRUCT WHERE { ?s ex:p ?o }")
    assert isinstance(graph, Graph)
    assert (EX.b, EX.p, Literal("beta")) in graph and len(graph) == 2
    described = store.construct(PREFIX + "DESCRIBE ex:b")
    assert (EX.b, EX.p, Literal("beta")) in described
    assert store.ask(PREFIX + "ASK { ex:a ex:n 1 }") is True
    assert store.ask(PREFIX + "ASK { ex:c ?p ?o }") is False  # in a named graph only


def test_wrong_form_and_bad_syntax(store: DatasetStore) -> None:
    with pytest.raises(QueryError, match="not a SELECT"):
        store.select("ASK {}")
    with pytest.raises(QuerySyntaxError) as error:
        store.select("SELECT ?s WHERE { ?s ?p }")
    assert str(error.value)


def test_base_iri_resolves_relative_iris(store: DatasetStore) -> None:
    result = store.query("CONSTRUCT { <s> <p> 1 } WHERE {}", base_iri="http://host/sparql")
    assert isinstance(result.value, Graph)
    assert set(result.value) == {(URIRef("http://host/s"), URIRef("http://host/p"), Literal(1))}


def test_max_rows_truncates_and_says_so(store: DatasetStore) -> None:
    cut = store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", max_rows=2)
    assert isinstance(cut.value, SelectResult)
    assert len(cut.value.rows) == 2 and cut.truncated
    whole = store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", max_rows=3)
    assert not whole.truncated
    graph = store.query("CONSTRUCT WHERE { ?s ?p ?o }", max_rows=1)
    assert isinstance(graph.value, Graph)
    assert len(graph.value) == 1 and graph.truncated


def test_dump_round_trips_across_backends(store: DatasetStore) -> None:
    original = Dataset()
    original.parse(data=DATA, format="trig")
    assert quads(store.dataset()) == quads(original)
    for other in EMBEDDED:
        copy = store_from_nquads(store.nquads(), other)
        assert copy.triple_count() == store.triple_count()
        assert copy.named_graphs() == store.named_graphs()


def test_unknown_backend_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown store backend 'virtuoso'"):
        build_store(Dataset(), "virtuoso")
    settings = Settings.model_construct(store="virtuoso", files=[tmp_path / "x.ttl"])
    with pytest.raises(ValueError, match="unknown store backend"):
        open_store(settings)


def test_union_default_graph_is_refused() -> None:
    with pytest.raises(ValueError, match="union"):
        RdflibStore(Dataset(default_union=True))


def test_open_store_loads_files_and_named_graphs(tmp_path: Path, backend: str) -> None:
    turtle = tmp_path / "default.ttl"
    turtle.write_text('<http://example.org/x> <http://example.org/p> "x" .\n', encoding="utf-8")
    jsonld = tmp_path / "named.jsonld"
    jsonld.write_text(
        '{"@id": "http://example.org/y", "http://example.org/p": "y"}', encoding="utf-8"
    )
    settings = Settings(store=backend, files=[turtle], named_graphs={str(EX.named): jsonld})
    store = open_store(settings)
    assert store.name == backend
    assert store.named_graphs() == [EX.named]
    assert store.ask(PREFIX + 'ASK { ex:x ex:p "x" GRAPH ex:named { ex:y ex:p "y" } }')
