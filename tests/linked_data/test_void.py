"""The dataset description (VoID + DCAT) at /.well-known/void, counted from the store."""

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from engines import EMBEDDED
from fastapi.testclient import TestClient
from httpx import Response
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from service.app import create_app
from service.build import open_store
from service.namespaces import BASE, DCAT, DCTERMS, SKG, VOID
from service.settings import Settings

DATASET = URIRef(BASE + "dataset")
NAMED = URIRef("https://example.org/graph/extra")
SERVICE = "https://data.example.org/kg/"
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DATA = """
@base <https://w3id.org/samverkan-kg/> .
@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
skg:Project a owl:Class ; rdfs:label "aktivitet/projekt/initiativ"@sv, "activity/project/initiative"@en .
<project/ulf> a skg:Project ; rdfs:label "ULF"@sv ; dct:source <source/001> ;
    skg:start [ a time:DateTimeDescription ; rdfs:label "Augusti 2021"@sv ] .
<project/kompetens> a skg:Project ; rdfs:label "Kompetensförsörjning"@sv ; dct:source <source/002> .
<source/001> a skg:SourceDocument ; dct:title "Samverkansavtal"@sv .
<source/002> a skg:SourceDocument ; dct:title "Handlingsplan"@sv .
"""
EXTRA = f"<{BASE}project/extra> <{RDF.type}> <{SKG.Project}> .\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("void")
    data, extra = folder / "data.ttl", folder / "extra.nt"
    data.write_text(DATA, encoding="utf-8")
    extra.write_text(EXTRA, encoding="utf-8")
    return data, extra


@pytest.fixture(scope="module", params=EMBEDDED)
def client(request: pytest.FixtureRequest, files: tuple[Path, Path]) -> Iterator[TestClient]:
    settings = Settings(files=[files[0]], named_graphs={str(NAMED): files[1]}, store=request.param)
    app = create_app(settings, open_store(settings))
    with TestClient(app, base_url=SERVICE.rstrip("/"), root_path="/kg") as test_client:
        yield test_client


class _Links(HTMLParser):
    """Link text -> href of every link on a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self._href: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None and data.strip():
            self.links[data.strip()] = self._href


def _void(response: Response, fmt: str = "turtle") -> Graph:
    assert response.status_code == 200, response.text
    graph = Graph()
    graph.parse(data=response.content, format=fmt)
    return graph


def _loaded(files: tuple[Path, Path]) -> Dataset:
    dataset = Dataset()
    dataset.parse(files[0], format="turtle")
    dataset.graph(NAMED).parse(files[1], format="nt")
    return dataset


def test_void_counts_what_the_store_holds(client: TestClient, files: tuple[Path, Path]) -> None:
    graph = _void(client.get("/.well-known/void", headers={"Accept": "text/turtle"}))
    assert {DCAT.Dataset, VOID.Dataset} <= set(graph.objects(DATASET, RDF.type))
    triples = graph.value(DATASET, VOID.triples)
    assert isinstance(triples, Literal)
    assert triples.toPython() == client.get("/health").json()["triples"]
    assert triples.toPython() == sum(1 for _ in _loaded(files).quads((None, None, None, None)))
    # one class partition per class, counting its instances in every graph
    loaded = _loaded(files)
    partitions = {
        graph.value(p, VOID["class"]): graph.value(p, VOID.entities).toPython()  # type: ignore[union-attr]
        for p in graph.objects(DATASET, VOID.classPartition)
    }
    expected = {
        cls: len({s for s, _, _, _ in loaded.quads((None, RDF.type, cls, None))})
        for cls in set(loaded.objects(None, RDF.type))
    }
    assert partitions == expected
    assert partitions[SKG.Project] == 3
    vocabularies = set(graph.objects(DATASET, VOID.vocabulary))
    assert {URIRef(str(SKG)), URIRef(str(DCTERMS)), URIRef(str(RDFS))} <= vocabularies


def test_void_describes_the_dataset_in_both_languages(client: TestClient) -> None:
    graph = _void(client.get("/.well-known/void"))
    for predicate in (DCTERMS.title, DCTERMS.description):
        languages = {
            o.language for o in graph.objects(DATASET, predicate) if isinstance(o, Literal)
        }
        assert languages == {"sv", "en"}
    assert graph.value(DATASET, DCTERMS.license) == LICENSE
    assert graph.value(DATASET, VOID.uriSpace) == Literal(BASE)
    sources = set(graph.objects(DATASET, DCTERMS.source))
    assert sources == {URIRef(BASE + "source/001"), URIRef(BASE + "source/002")}


def test_void_links_the_service_where_it_was_asked(client: TestClient) -> None:
    graph = _void(client.get("/.well-known/void"))
    assert graph.value(DATASET, VOID.sparqlEndpoint) == URIRef(SERVICE + "sparql")
    dumps = set(graph.objects(DATASET, VOID.dataDump))
    assert URIRef(SERVICE + "dump.ttl") in dumps and URIRef(SERVICE + "dump.nq") in dumps
    media_types = {}
    for distribution in graph.objects(DATASET, DCAT.distribution):
        url = graph.value(distribution, DCAT.downloadURL)
        if url is not None:
            media_types[url] = str(graph.value(distribution, DCAT.mediaType))
    assert set(media_types) == dumps
    for url, media_type in media_types.items():
        response = client.get(str(url).removeprefix(SERVICE.rstrip("/")))
        assert response.status_code == 200
        assert media_type.endswith("/" + response.headers["content-type"].split(";")[0])
    services = list(graph.subjects(DCAT.servesDataset, DATASET))
    assert services and graph.value(services[0], DCAT.endpointURL) == URIRef(SERVICE + "sparql")


def test_void_is_negotiated(client: TestClient) -> None:
    turtle = _void(client.get("/.well-known/void"))
    jsonld = client.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert len(_void(jsonld, "json-ld")) == len(turtle)
    assert len(_void(client.get("/dataset?format=nt"), "nt")) == len(turtle)
    page = client.get("/.well-known/void", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Accept" in page.headers["vary"]
    links = _Links(page.text).links
    # links stay under the path the service is mounted at; sources show their titles
    assert links["Samverkansavtal"] == "/kg/source/001"
    assert links["Turtle"] == "/kg/dataset?format=ttl"
    assert links["aktivitet/projekt/initiativ"] == "/kg/ontology#Project"
    assert client.get("/.well-known/void", headers={"Accept": "image/png"}).status_code == 406
