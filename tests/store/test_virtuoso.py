"""The Virtuoso dialect (``service/store/virtuoso.py``): each rewrite and normalisation gives
the answers the standard gives, checked on both remote engines (`oxigraph serve` through the
generic backend, Virtuoso through the dialect) against the embedded Oxigraph store.

Tests marked for Virtuoso alone say why: what they check exists only there.
"""

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import virtuoso_server
from engines import REMOTE, Engines, nquads, reading, store_of
from rdflib import BNode, Dataset, Literal, Namespace, URIRef
from virtuoso_server import PASSWORD, USER

from service import formats as f
from service.build import build_store
from service.store import virtuoso
from service.store.base import SelectResult, SparqlRequest, Store
from service.store.remote import with_values
from service.store.virtuoso import (
    NO_GRAPH,
    VirtuosoStore,
    boolean_variables,
    closures,
    without_from,
)

EX = Namespace("http://example.org/")
PREFIX = "PREFIX ex: <http://example.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
DATA = """
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Kind rdfs:subClassOf ex:Top . ex:Deeper rdfs:subClassOf ex:Kind .
ex:a a ex:Top ; ex:area ex:a1, ex:a2 ; ex:flag true .
ex:b a ex:Kind ; ex:area ex:b1 ; ex:flag false .
ex:a ex:since "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .
ex:b ex:since "2023-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .
ex:c a ex:Deeper ; ex:area ex:c1, ex:c2, ex:c3 .
ex:d a ex:Other ; ex:area ex:d1 .
ex:a1 ex:sdg ex:s1, ex:s2 . ex:b1 ex:sdg ex:s3 . ex:c2 ex:sdg ex:s1 .
ex:e ex:knows [ ex:name "anon" ] .
ex:g1 { ex:x ex:p "in a named graph" . }
"""
#: A closure joined with an OPTIONAL: what Virtuoso 7.2 gets wrong without the rewrite.
CLOSURE_QUERIES = {
    "sequence path": "SELECT ?s ?area ?sdg WHERE { ?s a/rdfs:subClassOf* ex:Top ; "
    "ex:area ?area . OPTIONAL { ?area ex:sdg ?sdg } }",
    "bare closure": "SELECT ?s ?kind ?area ?sdg WHERE { ?kind rdfs:subClassOf* ex:Top . "
    "?s a ?kind ; ex:area ?area . OPTIONAL { ?area ex:sdg ?sdg } }",
    "closure in an OPTIONAL": "SELECT ?s ?kind WHERE { ?s ex:area ?area . "
    "OPTIONAL { ?s a ?kind . ?kind rdfs:subClassOf* ex:Kind . } }",
}

#: One-or-more and zero-or-one paths joined with an OPTIONAL: a one-or-more path to a
#: constant is rewritten as the closures are (Virtuoso loses a row of "one or more in an
#: OPTIONAL" without it); zero-or-one paths go as written.
PATH_QUERIES = {
    "one or more": "SELECT ?s ?area ?sdg WHERE { ?s a/rdfs:subClassOf+ ex:Top ; "
    "ex:area ?area . OPTIONAL { ?area ex:sdg ?sdg } }",
    "one or more, bare": "SELECT ?s ?kind ?area WHERE { ?kind rdfs:subClassOf+ ex:Top . "
    "?s a ?kind . OPTIONAL { ?s ex:area ?area } }",
    "zero or one": "SELECT ?s ?kind ?area WHERE { ?s a/rdfs:subClassOf? ?kind . "
    "OPTIONAL { ?s ex:area ?area } }",
    "zero or one to a constant": "SELECT ?s ?area ?sdg WHERE { ?s a/rdfs:subClassOf? ex:Kind ; "
    "ex:area ?area . OPTIONAL { ?area ex:sdg ?sdg } }",
    "one or more in an OPTIONAL": "SELECT ?s ?kind WHERE { ?s ex:area ?area . "
    "OPTIONAL { ?s a ?kind . ?kind rdfs:subClassOf+ ex:Top . } }",
    "one or more, no member": "SELECT ?s ?kind WHERE { ?s ex:area ?area . "
    "OPTIONAL { ?s a ?kind . ?kind rdfs:subClassOf+ ex:Deeper . } }",
    "zero or one in an OPTIONAL": "SELECT ?s ?top WHERE { ?s ex:area ?area . "
    "OPTIONAL { ?s a/rdfs:subClassOf? ?top . ?top rdfs:subClassOf ex:Top } }",
}


def dataset() -> Dataset:
    data = Dataset()
    data.parse(data=DATA, format="trig")
    return data


@pytest.fixture(scope="module")
def reference() -> Store:
    return build_store(dataset(), "oxigraph")


@pytest.fixture(scope="module", params=REMOTE)
def remote(request: pytest.FixtureRequest, engines: Engines) -> Iterator[Store]:
    store = store_of(dataset(), str(request.param), engines)
    yield store
    store.close()


def rows(store: Store, query: str) -> list[tuple[object, ...]]:
    result = store.select(PREFIX + query)
    return sorted(tuple(row.get(v) for v in result.variables) for row in result.rows)


def by_name(result: SelectResult, variables: list[str]) -> list[tuple[object, ...]]:
    return sorted(tuple(row.get(v) for v in variables) for row in result.rows)


# --- on both engines: the same answers as the embedded store ----------------------------------


@pytest.mark.parametrize("name", [*CLOSURE_QUERIES, *PATH_QUERIES])
def test_paths_joined_with_optional(remote: Store, reference: Store, name: str) -> None:
    query = {**CLOSURE_QUERIES, **PATH_QUERIES}[name]
    expected = rows(reference, query)
    assert expected, "the reference finds rows"
    assert rows(remote, query) == expected


def test_select_star_over_a_closure(remote: Store, reference: Store) -> None:
    """The answer's variables are the query's: not the rewrite's ``?_closureN``."""
    query = PREFIX + CLOSURE_QUERIES["sequence path"].replace("?s ?area ?sdg", "*", 1)
    expected = reference.select(query)
    assert set(expected.variables) == {"s", "area", "sdg"}
    found = remote.select(query)
    assert sorted(found.variables) == sorted(expected.variables)  # in an order SPARQL leaves open
    assert by_name(found, expected.variables) == by_name(expected, expected.variables)


def test_bindings_with_an_aggregate(remote: Store, reference: Store) -> None:
    """A bound variable that is also grouped on: the VALUES block inside the group binds it."""
    query = PREFIX + "SELECT ?s (COUNT(?area) AS ?n) WHERE { ?s ex:area ?area } GROUP BY ?s"
    for store in (remote, reference):
        found = store.select(query, bindings={"s": EX.c}).rows
        assert [(row["s"], row["n"]) for row in found] == [(EX.c, Literal(3))]


#: Whether each typed thing had started by a date it may have no start for (``?since``
#: unbound for ex:c and ex:d): the form of the saved question in-force-on-date.
STARTED = (
    "SELECT ?s ?started WHERE { ?s a ?kind . OPTIONAL { ?s ex:since ?since } "
    'FILTER(!BOUND(?since) || ?since <= "2022-06-01"^^<http://www.w3.org/2001/XMLSchema#date>) '
    'BIND(IF(BOUND(?since) && ?since <= "2022-06-01"^^<http://www.w3.org/2001/XMLSchema#date>, '
    '"certain", "possible") AS ?started) }'
)


def test_comparisons_with_an_unbound_value_guarded(remote: Store, reference: Store) -> None:
    """A comparison that may meet an unbound value, guarded with BOUND: the same answers on
    every engine (the unguarded form differs on Virtuoso: the next test)."""
    expected = [
        (EX[s], Literal(started))
        for s, started in (("a", "certain"), ("c", "possible"), ("d", "possible"))
    ]
    assert rows(reference, STARTED) == expected
    assert rows(remote, STARTED) == expected


def test_booleans_blank_nodes_and_ask(remote: Store) -> None:
    query = (
        "SELECT ?s ?flag ?same ?named WHERE { ?s ex:flag ?flag . "
        "BIND(?flag = true AS ?same) BIND(EXISTS { ?s ex:area ex:a1 } AS ?named) }"
    )
    assert rows(remote, query) == [
        (EX.a, Literal(True), Literal(True), Literal(True)),
        (EX.b, Literal(False), Literal(False), Literal(False)),
    ]
    blank = remote.select(PREFIX + "SELECT ?o WHERE { ex:e ex:knows ?o }").rows
    assert len(blank) == 1 and isinstance(blank[0]["o"], BNode)
    assert remote.ask(PREFIX + "ASK { ex:a ex:flag true }") is True
    assert remote.ask(PREFIX + "ASK { ex:a ex:flag false }") is False
    raw = remote.sparql(
        SparqlRequest(PREFIX + "ASK { ex:b ?p ?o }", accept=f.JSON_RESULTS.media_type)
    )
    assert json.loads(raw.body)["boolean"] is True
    counted = rows(remote, "SELECT (COUNT(*) AS ?n) WHERE { ?s ex:area ?a }")
    assert counted == [(Literal(7),)]  # a count stays a number


def test_only_the_dataset_is_visible(remote: Store) -> None:
    """Virtuoso's system graphs, or another dataset's, are never reached: not by GRAPH ?g,
    not by FROM, not by the protocol's default-graph-uri."""
    graphs = rows(remote, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert graphs == [(EX.g1,)]
    system = "http://www.openlinksw.com/schemas/virtrdf#"
    for query, default in (
        (f"SELECT * FROM <{system}> WHERE {{ ?s ?p ?o }}", None),
        (f"SELECT * FROM NAMED <{system}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", None),
        (f"SELECT * WHERE {{ GRAPH <{system}> {{ ?s ?p ?o }} }}", None),
        ("SELECT * WHERE { ?s ?p ?o }", (system,)),
    ):
        reply = remote.sparql(
            SparqlRequest(query, accept=f.JSON_RESULTS.media_type, default_graphs=default)
        )
        assert reply.status == 200, reply.body
        assert json.loads(reply.body)["results"]["bindings"] == [], query
    own = remote.sparql(
        SparqlRequest(
            f"SELECT ?o FROM <{EX.g1}> WHERE {{ ?s ?p ?o }}", accept=f.JSON_RESULTS.media_type
        )
    )
    assert [b["o"]["value"] for b in json.loads(own.body)["results"]["bindings"]] == [
        "in a named graph"
    ]


# --- Virtuoso alone: the dialect's own machinery ----------------------------------------------


def test_a_load_switches_graphs_atomically(
    engines: Engines, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Readers see the old graph or the new one, never a mix or nothing (the pointer is the
    dialect's: `oxigraph serve` replaces graphs in place, each atomically), the new one
    uploaded in several requests as a large graph is."""
    monkeypatch.setattr(virtuoso, "UPLOAD_CHUNK", 700)
    old, new = Dataset(), Dataset()
    for n in range(2000):
        old.add((EX[f"s{n}"], EX.p, Literal(n)))
    for n in range(3000):
        new.add((EX[f"t{n}"], EX.p, Literal(n)))
    store = engines.virtuoso_store(old)
    reader = VirtuosoStore(store.endpoint, dataset=store.dataset_iri)
    requests: list[str] = []
    send = store._graph_store
    monkeypatch.setattr(
        store, "_graph_store", lambda method, *rest: (requests.append(method), send(method, *rest))
    )
    with reading(reader.triple_count) as seen:
        first = store.pointer(fresh=True).default
        store.upload(nquads(new))
        assert requests[:5] == ["PUT", "POST", "POST", "POST", "POST"]  # 3000 in 700s
        second = store.pointer(fresh=True).default
        store.upload(nquads(old))
    assert seen and set(seen) <= {2000, 3000}, seen
    assert store.triple_count() == 2000
    after = store.pointer(fresh=True)
    assert after.previous == second and len({first, second, after.default}) == 3
    leftovers = store.sparql(
        SparqlRequest(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            accept=f.JSON_RESULTS.media_type,
            default_graphs=(first,),
        )
    )
    assert json.loads(leftovers.body)["results"]["bindings"][0]["n"]["value"] == "0"


def test_virtuoso_runs_an_update_request_operation_by_operation(engines: Engines) -> None:
    """Why named graphs are not switched by one SPARQL Update request
    (``DROP SILENT GRAPH <g> ; MOVE <staging> TO <g>`` for each): Virtuoso 7.2 commits each
    operation of a request on its own, so when a later one fails the earlier ones stay done
    (readers in between also see a dropped graph not yet refilled). Should a later Virtuoso
    run a request as one transaction, this test fails: README's "What still differs" and the
    loading of named graphs are then to be revisited."""
    server = engines.virtuoso()
    client = httpx.Client(auth=httpx.DigestAuth(USER, PASSWORD), timeout=60)
    target, staging = "urn:samverkan-kg:test:moved", "urn:samverkan-kg:test:staging"
    for graph, size in ((target, 3), (staging, 5)):
        lines = "".join(f'<{EX}s{n}> <{EX}p> "{n}" .\n' for n in range(size))
        put = client.put(
            server.store_url,
            params={"graph": graph},
            content=lines.encode(),
            headers={"Content-Type": "application/n-triples"},
        )
        assert put.is_success, put.text
    failing = f"MOVE <{staging}> TO <{target}> ; CREATE GRAPH <{target}>"  # it exists: an error
    refused = client.post(f"{server.base}/sparql-auth", data={"update": failing})
    assert refused.status_code >= 400, refused.text

    def count(graph: str) -> int:
        answer = httpx.post(
            server.query_url,
            data={"query": f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"},
            headers={"Accept": f.JSON_RESULTS.media_type},
        )
        return int(answer.json()["results"]["bindings"][0]["n"]["value"])

    assert (count(target), count(staging)) == (5, 0)  # the MOVE stayed done, not rolled back


def test_virtuoso_compares_an_unbound_value(engines: Engines, reference: Store) -> None:
    """What README's "What still differs" says: Virtuoso 7.2 answers a comparison with an
    unbound value (an error in SPARQL, so COALESCE takes its next argument) as true or false,
    and its ``&&``, ``||`` and ``!`` do not follow SPARQL's error table either, so no rewrite
    gives back the errors; a query guards with BOUND instead (the test above). Should a later
    Virtuoso follow the standard here, this test fails and README is to be updated."""
    query = (
        "SELECT ?s ?started WHERE { ?s a ?kind . OPTIONAL { ?s ex:since ?since } "
        'BIND(COALESCE(?since <= "2022-06-01"^^<http://www.w3.org/2001/XMLSchema#date>, '
        '"unknown") AS ?started) }'
    )
    unknown = Literal("unknown")
    assert [row for row in rows(reference, query) if row[1] == unknown] == [
        (EX.c, unknown),
        (EX.d, unknown),
    ]
    virtuoso = store_of(dataset(), "virtuoso", engines)
    assert [row for row in rows(virtuoso, query) if row[1] == unknown] == []


def test_virtuoso_functions_are_refused(engines: Engines) -> None:
    """Virtuoso's own functions reach past SPARQL into its database (`oxigraph serve` has
    none: it answers an unknown function 500)."""
    remote = engines.virtuoso_store(dataset())
    reply = remote.sparql(
        SparqlRequest(
            "SELECT ?x WHERE { BIND(<bif:sprintf>('%d', 1) AS ?x) }",
            accept=f.JSON_RESULTS.media_type,
        )
    )
    assert reply.status == 400 and reply.body.strip()


# --- the rewrites as text ---------------------------------------------------------------------


def test_values_go_inside_the_group() -> None:
    bound = with_values("SELECT ?s ?o WHERE { ?s ?p ?o }", {"s": URIRef(EX.a)}, inside=True)
    assert bound == f"SELECT ?s ?o WHERE {{ VALUES (?s) {{ (<{EX.a}>) }}\n <{EX.a}> ?p ?o }}"


def test_from_clauses_are_taken_out() -> None:
    text, default, named = without_from(
        "PREFIX ex: <http://example.org/> SELECT ?from FROM ex:a FROM NAMED # note\n"
        "<http://example.org/b> WHERE { ?s ?p ?from }"
    )
    assert "FROM" not in text.replace("?from", "") and "?from" in text
    assert (default, named) == ([str(EX.a)], [str(EX.b)])


def test_boolean_columns() -> None:
    query = (
        "SELECT ?a (?x < ?y AS ?less) (IF(?x < ?y, 1, 0) AS ?number) WHERE { "
        "BIND(EXISTS { ?s ?p ?o } AS ?any) BIND(YEAR(?d) = 2021 && ?k AS ?both) "
        'BIND("a < b" AS ?text) BIND(COALESCE(?x, 0) AS ?zero) }'
    )
    assert boolean_variables(query) == {"less", "any", "both"}


def test_closures_become_values_blocks() -> None:
    def closure(path: str, constant: str) -> list[str]:
        assert path == "rdfs:subClassOf"
        return ["<http://example.org/Kind>"]

    rewritten = closures(CLOSURE_QUERIES["sequence path"], closure)
    assert "?s a ?_closure0 ;" in rewritten
    assert "VALUES ?_closure0 { ex:Top <http://example.org/Kind> }" in rewritten
    bare = closures(CLOSURE_QUERIES["bare closure"], closure)
    assert "VALUES ?kind { ex:Top <http://example.org/Kind> }" in bare
    one_or_more = closures(PATH_QUERIES["one or more in an OPTIONAL"], closure)
    assert "VALUES ?kind { <http://example.org/Kind> } }" in one_or_more  # not ex:Top itself
    star = closures(PREFIX + "SELECT * { ?s a/rdfs:subClassOf* ex:Top }", closure)
    assert "SELECT ?s {" in star and "VALUES ?_closure0" in star  # ?s alone, as asked
    under_graph = "SELECT * { GRAPH ?g { ?s rdfs:subClassOf* ex:Top . } }"
    assert closures(under_graph, closure) == under_graph


def test_an_empty_engine_is_an_empty_dataset(engines: Engines, tmp_path: Path) -> None:
    server = engines.virtuoso()
    empty = VirtuosoStore(server.query_url, dataset="urn:samverkan-kg:test-dataset:never-loaded")
    assert empty.pointer(fresh=True).default == NO_GRAPH
    assert empty.triple_count() == 0 and list(empty.named_graphs()) == []


def test_a_missing_virtuoso_skips_here_and_fails_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(virtuoso_server.shutil, "which", lambda name: None)
    for ci, outcome in (("", pytest.skip.Exception), ("true", pytest.fail.Exception)):
        monkeypatch.setenv("CI", ci)
        with pytest.raises(outcome, match="virtuoso-t is absent"):
            Engines().virtuoso()
