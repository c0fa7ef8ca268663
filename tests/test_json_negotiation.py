"""Plain ``application/json`` and ``?format=json`` (issue 11, defect 3): the JSON form of each
answer, as Fuseki does — SPARQL JSON results for SELECT/ASK, JSON-LD for graphs and resources;
a list of saved questions stays plain JSON (it is not an RDF answer)."""

import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from service import formats as f
from service.negotiation import choose

PREFIX = "PREFIX skg: <https://w3id.org/samverkan-kg/ontology#>\n"
ULF = URIRef("https://w3id.org/samverkan-kg/project/ulf")


@pytest.fixture(scope="module")
def client(curated_client: TestClient) -> TestClient:
    return curated_client


def test_the_table_says_it() -> None:
    assert choose(f.SOLUTION_TYPES, "application/json") is f.JSON_RESULTS
    assert choose(f.BOOLEAN_TYPES, "application/json") is f.JSON_RESULTS
    assert choose(f.GRAPH_TYPES, "application/json") is f.JSONLD
    assert choose(f.GRAPH_TYPES, None, "json") is f.JSONLD
    assert choose(f.RESOURCE_TYPES, "application/json") is f.JSONLD
    # where plain JSON is itself offered, it stays plain JSON; */* still gets the default
    assert choose((f.JSON, f.HTML), "application/json") is f.JSON
    assert choose(f.RESOURCE_TYPES, "*/*") is f.TURTLE


@pytest.mark.parametrize("how", ["accept", "format"])
def test_sparql_select_and_ask(client: TestClient, how: str) -> None:
    for query, key in ((PREFIX + "SELECT ?p WHERE { ?p a skg:Project } LIMIT 2", "results"),
                       (PREFIX + "ASK { ?p a skg:Project }", "boolean")):  # fmt: skip
        params = {"query": query, **({"format": "json"} if how == "format" else {})}
        headers = {"Accept": "application/json"} if how == "accept" else {}
        response = client.get("/sparql", params=params, headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert key in response.json()


@pytest.mark.parametrize("how", ["accept", "format"])
def test_sparql_construct_and_resource_pages_give_json_ld(client: TestClient, how: str) -> None:
    query = PREFIX + "CONSTRUCT { ?p a skg:Project } WHERE { ?p a skg:Project }"
    extra = {"format": "json"} if how == "format" else {}
    headers = {"Accept": "application/json"} if how == "accept" else {}
    for response in (
        client.get("/sparql", params={"query": query, **extra}, headers=headers),
        client.get("/project/ulf", params=extra, headers=headers),
    ):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/ld+json")
        graph = Graph().parse(data=response.text, format="json-ld")
        assert len(graph) > 0
    assert (ULF, None, None) in graph


def test_saved_question_list_stays_plain_json(client: TestClient) -> None:
    response = client.get("/queries", params={"format": "json"})
    assert response.headers["content-type"] == "application/json"
    assert isinstance(json.loads(response.text), list)


def test_no_accept_header_at_all_gets_the_default() -> None:
    for offered in (f.SOLUTION_TYPES, f.GRAPH_TYPES, f.RESOURCE_TYPES, (f.JSON, f.HTML)):
        for accept in (None, "", "  "):
            assert choose(offered, accept) is offered[0], (offered, accept)


def test_a_request_without_accept_reaches_the_default(client: TestClient) -> None:
    """A client that sends no Accept header (curl -H 'Accept:') gets each answer's default."""
    for path, params, default in (
        ("/sparql", {"query": PREFIX + "ASK { ?p a skg:Project }"}, f.BOOLEAN_TYPES[0]),
        ("/sparql", {"query": PREFIX + "SELECT * { ?p a skg:Project }"}, f.SOLUTION_TYPES[0]),
        ("/sparql", {"query": "CONSTRUCT WHERE { ?s a ?o } LIMIT 1"}, f.GRAPH_TYPES[0]),
        ("/project/ulf", {}, f.RESOURCE_TYPES[0]),
    ):
        request = client.build_request("GET", path, params=params)
        del request.headers["accept"]  # the test client would send */*
        response = client.send(request)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == default.media_type, path
