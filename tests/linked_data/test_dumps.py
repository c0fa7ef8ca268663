"""Whole-dataset dumps: every syntax parses and gives back what the store holds."""

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from service.app import create_app
from service.build import open_store
from service.formats import JSONLD
from service.namespaces import PREFIXES
from service.serialize import serialize_graph
from service.settings import Settings
from service.store.oxigraph_store import OxigraphStore

NAMED = URIRef("https://example.org/graph/extra")
DEFAULT_TTL = """
@base <https://w3id.org/samverkan-kg/> .
@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<project/ulf> a skg:Project ; rdfs:label "ULF"@sv, "ULF"@en ;
    skg:start [ a time:DateTimeDescription ; time:year "2021"^^xsd:gYear ] .
<partner/liu> rdfs:label "Linköpings universitet"@sv ; skg:partnership <project/ulf> .
"""
# One triple is in both graphs: merged dumps hold it once, quad dumps twice.
NAMED_TTL = """
@base <https://w3id.org/samverkan-kg/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<partner/liu> rdfs:label "Linköpings universitet"@sv ; rdfs:comment "extra"@en .
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("dumps")
    default, named = folder / "data.ttl", folder / "extra.ttl"
    default.write_text(DEFAULT_TTL, encoding="utf-8")
    named.write_text(NAMED_TTL, encoding="utf-8")
    return default, named


@pytest.fixture(scope="module")
def client(files: tuple[Path, Path]) -> Iterator[TestClient]:
    settings = Settings(files=[files[0]], named_graphs={str(NAMED): files[1]})
    with TestClient(create_app(settings, open_store(settings))) as test_client:
        yield test_client


def _expected(files: tuple[Path, Path]) -> tuple[Graph, Graph]:
    default, named = Graph(), Graph()
    default.parse(files[0], format="turtle")
    named.parse(files[1], format="turtle")
    return default, named


def _dataset(response: Response, fmt: str) -> Dataset:
    assert response.status_code == 200, response.text
    dataset = Dataset()
    dataset.parse(data=response.content, format=fmt)
    return dataset


def _quads(dataset: Dataset) -> int:
    return sum(1 for _ in dataset.quads((None, None, None, None)))


def _attachment(response: Response) -> str:
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment")
    return disposition.split("filename=")[1].strip('"')


@pytest.mark.parametrize(("extension", "fmt"), [("nq", "nquads"), ("trig", "trig")])
def test_quad_dumps_keep_the_named_graphs(
    client: TestClient, files: tuple[Path, Path], extension: str, fmt: str
) -> None:
    response = client.get(f"/dump.{extension}")
    assert _attachment(response) == f"samverkan-kg.{extension}"
    dataset = _dataset(response, fmt)
    assert _quads(dataset) == client.get("/health").json()["triples"]
    default, named = _expected(files)
    assert isomorphic(dataset.default_graph, default)
    assert isomorphic(dataset.graph(NAMED), named)


def test_turtle_dump_merges_the_graphs(client: TestClient, files: tuple[Path, Path]) -> None:
    response = client.get("/dump.ttl")
    assert response.headers["content-type"].startswith("text/turtle")
    assert _attachment(response) == "samverkan-kg.ttl"
    graph = Graph()
    graph.parse(data=response.content, format="turtle")
    default, named = _expected(files)
    assert isomorphic(graph, default + named)
    assert len(graph) < client.get("/health").json()["triples"]  # the shared triple, once


def test_jsonld_dump_round_trips(client: TestClient, files: tuple[Path, Path]) -> None:
    response = client.get("/dump.jsonld")
    assert response.headers["content-type"].startswith("application/ld+json")
    assert _attachment(response) == "samverkan-kg.jsonld"
    dataset = _dataset(response, "json-ld")
    assert _quads(dataset) == client.get("/health").json()["triples"]
    assert isomorphic(dataset.graph(NAMED), _expected(files)[1])


@pytest.mark.parametrize(
    ("url", "accept", "media_type", "fmt"),
    [
        ("/dump", None, "application/n-quads", "nquads"),
        ("/dump", "application/trig", "application/trig", "trig"),
        ("/dump?format=ttl", "application/n-quads", "text/turtle", "turtle"),
        ("/dump?format=jsonld", None, "application/ld+json", "json-ld"),
    ],
)
def test_dump_negotiates(
    client: TestClient, url: str, accept: str | None, media_type: str, fmt: str
) -> None:
    response = client.get(url, headers={"Accept": accept} if accept else {})
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in response.headers["vary"]
    assert _attachment(response).startswith("samverkan-kg.")
    assert _quads(_dataset(response, fmt)) > 0


def test_dump_refuses_unknown_syntaxes(client: TestClient) -> None:
    unknown = client.get("/dump.xlsx")
    assert unknown.status_code == 404
    assert "/dump.ttl" in unknown.text
    refused = client.get("/dump", headers={"Accept": "application/pdf"})
    assert refused.status_code == 406
    assert "application/n-quads" in refused.text
    assert client.get("/dump?format=csv").status_code == 406


def test_jsonld_context_holds_only_the_projects_prefixes() -> None:
    """rdflib binds dozens of namespaces by default; a dump's @context names ours alone."""
    graph = Graph().parse(
        data='<https://w3id.org/samverkan-kg/project/x> <http://www.w3.org/2000/01/rdf-schema#label> "x"@sv .',
        format="turtle",
    )
    document = json.loads(serialize_graph(graph, JSONLD))
    assert set(document["@context"]) <= set(PREFIXES)
    assert Graph().parse(data=json.dumps(document), format="json-ld").isomorphic(graph)


def test_a_dump_is_written_once_and_served_with_its_length_and_etag(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine writes the dataset once; every later request is the file (no store)."""
    written: list[int] = []
    write = OxigraphStore.write_nquads

    def counted(self: OxigraphStore, out: BinaryIO) -> None:
        written.append(1)
        write(self, out)

    monkeypatch.setattr(OxigraphStore, "write_nquads", counted)
    settings = Settings(files=[files[0]], named_graphs={str(NAMED): files[1]})
    with TestClient(create_app(settings, open_store(settings))) as client:
        answers = [client.get(f"/dump.{e}") for e in ("ttl", "nq", "trig", "jsonld", "ttl")]
        assert len(written) == 1
        for response in answers:
            assert response.status_code == 200
            assert int(response.headers["content-length"]) == len(response.content)
            etag = response.headers["etag"]
            assert etag == f'"{hashlib.sha256(response.content).hexdigest()}"'
        assert answers[0].headers["etag"] == answers[-1].headers["etag"]
        assert answers[0].content == answers[-1].content
        again = client.get("/dump.ttl", headers={"If-None-Match": answers[0].headers["etag"]})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == answers[0].headers["etag"]
        other = client.get("/dump.ttl", headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200 and other.content == answers[0].content
        head = client.head("/dump.nq")
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-length"] == answers[1].headers["content-length"]
        folder = client.app.state.dumps._folder  # type: ignore[attr-defined]
        assert folder is not None and (folder / "dump.ttl").is_file()
    assert not folder.exists()  # removed when the app stops
