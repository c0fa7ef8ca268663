"""Linked data: IRIs under the base dereference to RDF or HTML through the real app."""

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from engines import EMBEDDED, SPARQL_BACKENDS, Engines, store_of
from fastapi.testclient import TestClient
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, TIME

from service.app import create_app
from service.build import open_store
from service.linked_data import routes as linked_data
from service.namespaces import BASE, DCTERMS, SCHEMA, SKG
from service.settings import Settings

ULF = URIRef(BASE + "project/ulf")
SOURCE = URIRef(BASE + "source/000_6a1f2b0d01e02e89")
PARTNERSHIP = URIRef(BASE + "partnership/liu-linkoping")
EVENT = URIRef(BASE + "event/ulf-dagen")
EVIL = URIRef(BASE + "project/evil")
SDG4 = URIRef("http://metadata.un.org/sdg/4")
EXTRA_GRAPH = "https://example.org/graph/status"

FIXTURE = """
@base <https://w3id.org/samverkan-kg/> .
@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix schema: <https://schema.org/> .

<ontology> a owl:Ontology ;
    rdfs:label "samverkan-kg-ontologin"@sv, "samverkan-kg ontology"@en .
skg:Project a owl:Class ;
    rdfs:label "aktivitet/projekt/initiativ"@sv, "activity/project/initiative"@en .
skg:sdg a owl:ObjectProperty ;
    rdfs:label "hållbarhetsmål"@sv, "sustainable development goal"@en .
skg:start a owl:ObjectProperty ; rdfs:label "start"@sv, "start"@en .
skg:partnership a owl:ObjectProperty ; rdfs:label "partnerskap"@sv, "partnership"@en .
skg:season a owl:ObjectProperty ;
    rdfs:label "årstid"@sv, "season"@en ; rdfs:domain [ a owl:Class ; rdfs:comment "nested" ] .

<project/ulf> a skg:Project ;
    rdfs:label "Utbildning, lärande och forskning"@sv, "Education, learning and research"@en ;
    skg:sdg <http://metadata.un.org/sdg/4> ;
    skg:start [ a time:DateTimeDescription ; rdfs:label "Augusti 2021"@sv ;
                time:year "2021"^^xsd:gYear ; time:unitType time:unitMonth ] ;
    skg:partnership <partnership/liu-linkoping> ;
    dct:source <source/000_6a1f2b0d01e02e89> .
<http://metadata.un.org/sdg/4> rdfs:label "God utbildning för alla"@sv, "Quality education"@en .
<partnership/liu-linkoping> rdfs:label "Linköpings universitet och Linköpings kommun"@sv .
<source/000_6a1f2b0d01e02e89> a skg:SourceDocument ; dct:title "Handlingsplan 2021–2022"@sv .
<event/ulf-dagen> a schema:Event ; rdfs:label "ULF-dagen"@sv, "ULF day"@en ;
    schema:about <project/ulf> .
<project/evil> rdfs:label "<script>alert('x')</script>"@sv ; schema:about <project/ulf> .
<partner/only-english> rdfs:label "Only in English"@en .
"""
STATUS = f"""<{ULF}> <{SKG.statusText}> "Pågår"@sv ."""


@pytest.fixture(scope="module", params=SPARQL_BACKENDS)
def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, engines: Engines
) -> Iterator[TestClient]:
    """The pages over each embedded backend and each remote engine (holding what the
    embedded Oxigraph store read from the files)."""
    folder = tmp_path_factory.mktemp("linked-data")
    data = folder / "data.ttl"
    data.write_text(FIXTURE, encoding="utf-8")
    status = folder / "status.nt"
    status.write_text(STATUS + "\n", encoding="utf-8")
    backend = request.param if request.param in EMBEDDED else "oxigraph"
    settings = Settings(files=[data], named_graphs={EXTRA_GRAPH: status}, store=backend)
    store = open_store(settings)
    if request.param not in EMBEDDED:
        store = store_of(store.dataset(), request.param, engines)
    with TestClient(create_app(settings, store)) as test_client:
        yield test_client


def _graph(response, fmt: str = "turtle") -> Graph:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    graph = Graph()
    graph.parse(data=response.content, format=fmt, publicID=BASE)
    return graph


class _Page(HTMLParser):
    """The parts of a page the tests look at: text, links, elements with a lang attribute."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self.texts: list[str] = []
        self.headings: list[str] = []
        self.scripts = 0
        self.ids: set[str] = set()
        self.lang: str | None = None
        self._href: str | None = None
        self._heading = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "script":
            self.scripts += 1
        if tag == "a":
            self._href = values.get("href")
        if tag == "h1":
            self._heading = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None
        if tag == "h1":
            self._heading = False

    def handle_data(self, data: str) -> None:
        text = data.strip()
        if not text:
            return
        self.texts.append(text)
        if self._href is not None:
            self.links[text] = self._href
        if self._heading:
            self.headings.append(text)


def _page(response) -> _Page:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return _Page(response.text)


def test_turtle_description_holds_subject_blank_nodes_incoming_links_and_labels(
    client: TestClient,
) -> None:
    graph = _graph(client.get("/project/ulf", headers={"Accept": "text/turtle"}))
    assert (ULF, RDF.type, SKG.Project) in graph
    assert (ULF, SKG.sdg, SDG4) in graph
    assert (ULF, DCTERMS.source, SOURCE) in graph
    start = graph.value(ULF, SKG.start)
    assert isinstance(start, BNode)
    assert (start, RDF.type, TIME.DateTimeDescription) in graph
    assert (start, RDFS.label, Literal("Augusti 2021", lang="sv")) in graph
    assert (EVENT, SCHEMA.about, ULF) in graph
    # labels of the neighbours, so that a client can label the links
    assert (SDG4, RDFS.label, Literal("Quality education", lang="en")) in graph
    assert (SKG.Project, RDFS.label, Literal("activity/project/initiative", lang="en")) in graph
    assert (EVENT, RDFS.label, Literal("ULF-dagen", lang="sv")) in graph
    assert (SOURCE, DCTERMS.title, Literal("Handlingsplan 2021–2022", lang="sv")) in graph
    # triples from a named graph are part of the description too
    assert (ULF, SKG.statusText, Literal("Pågår", lang="sv")) in graph
    # but not the neighbours' other triples
    assert (SOURCE, RDF.type, SKG.SourceDocument) not in graph


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", "json-ld"),
        ("*/*", "turtle"),
    ],
)
def test_rdf_syntaxes_by_accept_say_the_same(client: TestClient, accept: str, fmt: str) -> None:
    turtle = _graph(client.get("/project/ulf", headers={"Accept": "text/turtle"}))
    response = client.get("/project/ulf", headers={"Accept": accept})
    assert "Accept" in response.headers["vary"]
    assert isomorphic(_graph(response, fmt), turtle)


@pytest.mark.parametrize(
    ("url", "fmt", "media_type"),
    [
        ("/project/ulf?format=jsonld", "json-ld", "application/ld+json"),
        ("/project/ulf?format=nt", "nt", "application/n-triples"),
        ("/project/ulf.ttl", "turtle", "text/turtle"),
        ("/project/ulf.rdf", "xml", "application/rdf+xml"),
        ("/project/ulf.jsonld", "json-ld", "application/ld+json"),
    ],
)
def test_format_parameter_and_extension_override_accept(
    client: TestClient, url: str, fmt: str, media_type: str
) -> None:
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.headers["content-type"].split(";")[0] == media_type
    assert (ULF, RDF.type, SKG.Project) in _graph(response, fmt)


def test_browsers_get_the_page(client: TestClient) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/project/ulf", headers={"Accept": browser})
    page = _page(response)
    assert {"Accept", "Accept-Language"} <= {v.strip() for v in response.headers["vary"].split(",")}
    assert page.headings == ["Utbildning, lärande och forskning"]
    html = client.get("/project/ulf.html", headers={"Accept": "text/turtle"})
    assert _page(html).headings == page.headings


@pytest.mark.parametrize(
    ("query", "accept_language", "title", "sdg", "lang"),
    [
        ("", None, "Utbildning, lärande och forskning", "God utbildning för alla", "sv"),
        ("?lang=en", None, "Education, learning and research", "Quality education", "en"),
        (
            "",
            "en-GB,en;q=0.9,sv;q=0.5",
            "Education, learning and research",
            "Quality education",
            "en",
        ),
        ("?lang=sv", "en", "Utbildning, lärande och forskning", "God utbildning för alla", "sv"),
        ("", "de, sv;q=0.3", "Utbildning, lärande och forskning", "God utbildning för alla", "sv"),
    ],
)
def test_page_language_from_parameter_then_accept_language(
    client: TestClient,
    query: str,
    accept_language: str | None,
    title: str,
    sdg: str,
    lang: str,
) -> None:
    headers = {"Accept": "text/html"}
    if accept_language:
        headers["Accept-Language"] = accept_language
    page = _page(client.get("/project/ulf" + query, headers=headers))
    assert page.lang == lang
    assert page.headings == [title]
    # a goal the graph describes links to its page here, labelled (issue 19)
    assert page.links[sdg].split("?")[0] == "/sdg/4"


def test_page_falls_back_to_the_other_language(client: TestClient) -> None:
    page = _page(client.get("/partner/only-english?lang=sv", headers={"Accept": "text/html"}))
    assert page.headings == ["Only in English"]
    # a partnership labelled only in Swedish, seen from an English page
    english = _page(client.get("/project/ulf?lang=en", headers={"Accept": "text/html"}))
    assert (
        english.links["Linköpings universitet och Linköpings kommun"]
        == "/partnership/liu-linkoping?lang=en"  # the ?lang= choice is kept
    )


def test_page_links_values_sources_incoming_links_and_rdf_forms(client: TestClient) -> None:
    english = {"Accept": "text/html", "Accept-Language": "en"}
    page = _page(client.get("/project/ulf", headers=english))
    # types and properties labelled from the ontology, linked to the local ontology page
    assert page.links["activity/project/initiative"] == "/ontology#Project"
    assert page.links["sustainable development goal"] == "/ontology#sdg"
    # a reused property with no label in the graph is named in the reader's language
    # (issue 11: no raw rdfs:label or dct:type), still linked to its definition
    assert page.links["name"] == str(RDFS.label)
    assert not [text for text in page.links if text.startswith(("rdfs:", "dct:", "xsd:"))]
    # the source document, by its title, on this service
    assert page.links["Handlingsplan 2021–2022"] == "/source/000_6a1f2b0d01e02e89"
    assert "Sources" in page.texts
    # incoming links, labelled
    assert "Links here" in page.texts
    assert page.links["ULF day"] == "/event/ulf-dagen"
    # the date blank node drawn inline with its label
    assert "Augusti 2021" in page.texts
    # RDF forms and the language switch
    for name, short in [("Turtle", "ttl"), ("JSON-LD", "jsonld"), ("N-Triples", "nt")]:
        assert page.links[name] == f"/project/ulf?format={short}"
    assert page.links["RDF/XML"] == "/project/ulf?format=rdf"
    assert page.links["På svenska"] == "/project/ulf?lang=sv"
    for name, short, fmt in [("Turtle", "ttl", "turtle"), ("RDF/XML", "rdf", "xml")]:
        form = client.get(page.links[name])
        assert (ULF, SKG.sdg, SDG4) in _graph(form, fmt), short


def test_page_escapes_labels(client: TestClient) -> None:
    response = client.get("/project/ulf", headers={"Accept": "text/html"})
    page = _page(response)
    assert page.scripts == 0
    assert "<script>alert('x')</script>" in page.texts  # shown as text, not run
    assert page.links["<script>alert('x')</script>"] == "/project/evil"
    evil = _page(client.get("/project/evil", headers={"Accept": "text/html"}))
    assert evil.scripts == 0
    assert evil.headings == ["<script>alert('x')</script>"]


def test_unknown_iri_is_404_as_page_or_text(client: TestClient) -> None:
    page = client.get("/project/nothing-here", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert f"{BASE}project/nothing-here" in _Page(page.text).texts
    text = client.get("/project/nothing-here", headers={"Accept": "text/turtle"})
    assert text.status_code == 404
    assert text.headers["content-type"].startswith("text/plain")
    assert f"{BASE}project/nothing-here" in text.text
    for odd in ["/project/ulf.pdf", "/project/%3Cscript%3E", "/project/ulf/"]:
        assert client.get(odd).status_code == 404, odd


def test_unacceptable_type_is_406_listing_what_there_is(client: TestClient) -> None:
    response = client.get("/project/ulf", headers={"Accept": "application/pdf"})
    assert response.status_code == 406
    for offered in ("text/turtle", "application/ld+json", "application/n-triples", "text/html"):
        assert offered in response.text
    assert client.get("/project/ulf?format=pdf").status_code == 406


def test_head_answers_like_get(client: TestClient) -> None:
    response = client.head("/project/ulf", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert client.head("/project/nothing-here").status_code == 404


def test_ontology_serves_all_its_terms(client: TestClient) -> None:
    graph = _graph(client.get("/ontology", headers={"Accept": "text/turtle"}))
    ontology = URIRef(BASE + "ontology")
    assert (ontology, RDF.type, OWL.Ontology) in graph
    for term in (SKG.Project, SKG.sdg, SKG.start, SKG.partnership, SKG.season):
        assert (term, RDFS.label, None) in graph
    domain = graph.value(SKG.season, RDFS.domain)
    assert isinstance(domain, BNode) and (domain, RDF.type, OWL.Class) in graph
    assert not set(graph.subjects(RDF.type, SKG.Project))  # instance data stays out
    page = _page(client.get("/ontology?lang=en", headers={"Accept": "text/html"}))
    assert page.headings == ["samverkan-kg ontology"]
    # every term is drawn at its own anchor, which is where its IRI's fragment points
    assert {"Project", "sdg", "start", "partnership", "season"} <= page.ids


def test_other_routes_come_before_the_catch_all(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/openapi.json").status_code == 200
    last = client.app.routes[-1]  # type: ignore[attr-defined]
    # FastAPI keeps an included router as one entry (newer versions) or flattens it (older)
    assert getattr(last, "original_router", None) is linked_data.router or (
        getattr(last, "path", None) == "/{path:path}"
    )


def test_same_data_dereferences_under_another_base(tmp_path: Path) -> None:
    base = "http://example.org/kg/"
    data = tmp_path / "data.ttl"
    data.write_text(
        f'<{base}project/x> <{RDFS.label}> "X"@sv ; <{SCHEMA.about}> <{base}project/y> .\n'
        f'<{base}project/y> <{RDFS.label}> "Y"@sv .\n',
        encoding="utf-8",
    )
    settings = Settings(files=[data], base_iri=base)
    with TestClient(create_app(settings, open_store(settings))) as local:
        response = local.get("/project/x", headers={"Accept": "application/ld+json"})
        assert response.status_code == 200
        parsed = Dataset()
        parsed.parse(data=json.dumps(response.json()), format="json-ld")
        assert (URIRef(base + "project/x"), RDFS.label, Literal("X", lang="sv")) in parsed
        page = _page(local.get("/project/x", headers={"Accept": "text/html"}))
        assert page.links["Y"] == "/project/y"
        assert local.get("/project/ulf").status_code == 404
