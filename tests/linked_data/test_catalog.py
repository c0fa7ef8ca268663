"""A catalogue dataportal.se can harvest (issue 17): /catalog in RDF/XML, Turtle and JSON-LD,
linked from the VoID, valid against the DCAT-AP 3 shapes for its classes (a subset written
from the specification, tests/fixtures/dcat-ap/), with no blank node for the catalogue,
dataset, distributions, services, publisher or contact point; the same catalogue in
`samverkan site`."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from live import samverkan
from locations import REPO, SITE_SERVICE
from pyshacl import validate
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from service.catalog import catalog_graph
from service.store.querying import DatasetStore

SHAPES = REPO / "tests" / "fixtures" / "dcat-ap" / "dcat-ap-3-subset.ttl"
VCARD = "http://www.w3.org/2006/vcard/ns#"
BASE = "https://w3id.org/samverkan-kg/"


def conforms(graph: Graph) -> tuple[bool, str]:
    shapes = Graph().parse(SHAPES)
    ok, _, text = validate(graph, shacl_graph=shapes, advanced=True)
    return bool(ok), str(text)


@pytest.fixture(scope="module")
def served(curated_client: TestClient) -> Graph:
    answer = curated_client.get("/catalog")  # RDF/XML by default: what harvesters read
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/rdf+xml")
    return Graph().parse(data=answer.text, format="xml")


def test_catalogue_passes_the_dcat_ap_shapes(served: Graph) -> None:
    ok, report = conforms(served)
    assert ok, report
    catalogue = URIRef(BASE + "catalog")
    dataset = URIRef(BASE + "dataset")
    assert (catalogue, RDF.type, DCAT.Catalog) in served
    assert (catalogue, DCAT.dataset, dataset) in served
    distributions = set(served.objects(dataset, DCAT.distribution))
    assert len(distributions) == 5  # four dumps and the SPARQL endpoint
    media = {str(m) for d in distributions for m in served.objects(d, DCAT.mediaType)}
    assert "https://www.iana.org/assignments/media-types/text/turtle" in media
    service = next(served.subjects(RDF.type, DCAT.DataService))
    assert str(served.value(service, DCAT.endpointURL)).endswith("/sparql")
    themes = {str(t) for t in served.objects(dataset, DCAT.theme)}
    assert themes <= {
        "http://publications.europa.eu/resource/authority/data-theme/GOVE",
        "http://publications.europa.eu/resource/authority/data-theme/EDUC",
    }
    spatial = set(served.objects(dataset, DCTERMS.spatial))
    assert URIRef("http://publications.europa.eu/resource/authority/country/SWE") in spatial


def test_no_blank_nodes_and_no_invented_contact(served: Graph) -> None:
    kinds = (DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, DCAT.DataService, FOAF.Agent,
             URIRef(VCARD + "Kind"), DCTERMS.PeriodOfTime)  # fmt: skip
    for kind in kinds:
        members = list(served.subjects(RDF.type, kind))
        assert members and not any(isinstance(m, BNode) for m in members), kind
    assert not any(isinstance(term, BNode) for triple in served for term in triple)
    contact = next(served.subjects(RDF.type, URIRef(VCARD + "Kind")))
    assert served.value(contact, URIRef(VCARD + "hasEmail")) is None  # none is published
    assert str(served.value(contact, URIRef(VCARD + "hasURL"))).endswith("/accessibility#report")
    publisher = next(served.objects(URIRef(BASE + "catalog"), DCTERMS.publisher))
    assert str(publisher) == BASE + "curators"
    assert str(served.value(publisher, DCTERMS.type)).startswith(
        "http://purl.org/adms/publishertype/"
    )


def test_dates_and_version_come_from_the_data(served: Graph, curated_store: DatasetStore) -> None:
    dataset = URIRef(BASE + "dataset")
    modified = served.value(dataset, DCTERMS.modified)
    assert modified is not None and modified.datatype == XSD.date
    assert served.value(dataset, DCAT.version) is not None
    period = served.value(dataset, DCTERMS.temporal)
    rows = curated_store.select(
        "PREFIX skg: <https://w3id.org/samverkan-kg/ontology#> "
        "SELECT (MIN(?e) AS ?first) (MAX(?l) AS ?last) WHERE { ?d skg:earliest ?e ; "
        "skg:latest ?l }"
    ).rows
    assert str(served.value(period, DCAT.startDate)) == str(rows[0]["first"])
    assert str(served.value(period, DCAT.endDate)) == str(rows[0]["last"])


def test_release_date_from_source_date_epoch(
    curated_store: DatasetStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    graph = catalog_graph(curated_store, BASE, "https://kg.example.org/")
    assert str(graph.value(URIRef(BASE + "dataset"), DCTERMS.modified)) == "2023-11-14"
    assert (URIRef(BASE + "catalog"), FOAF.homepage, URIRef("https://kg.example.org/")) in graph


def test_the_shapes_can_fail(served: Graph) -> None:
    broken = Graph()
    for triple in served:
        broken.add(triple)
    broken.remove((URIRef(BASE + "catalog"), DCTERMS.publisher, None))
    blank = BNode()
    broken.add((URIRef(BASE + "dataset"), DCAT.distribution, blank))
    broken.add((blank, RDF.type, DCAT.Distribution))
    ok, report = conforms(broken)
    assert not ok
    assert "publisher" in report and "IRI" in report


def test_formats_and_void_link(curated_client: TestClient) -> None:
    turtle = curated_client.get("/catalog.ttl")
    assert turtle.headers["content-type"].startswith("text/turtle")
    jsonld = curated_client.get("/catalog", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    for body, syntax in ((turtle.text, "turtle"), (jsonld.text, "json-ld")):
        assert conforms(Graph().parse(data=body, format=syntax))[0]
    assert curated_client.get("/catalog.xyz").status_code == 404
    void = Graph().parse(data=curated_client.get("/.well-known/void?format=ttl").text)
    assert any(str(o).endswith("/catalog") for o in void.objects(None, None))
    assert (URIRef(BASE + "dataset"), DCTERMS.isPartOf, URIRef(BASE + "catalog")) in void


def test_site_holds_the_catalogue(site: Path) -> None:
    """The session's static site (built with ``--service``) holds the catalogue, linking its
    own dumps and the live service's endpoint."""
    for name in ("catalog.rdf", "catalog.ttl", "catalog.jsonld", "catalog.html"):
        assert (site / name).is_file(), name
    graph = Graph().parse(site / "catalog.ttl")
    assert conforms(graph)[0]
    downloads = {str(u) for u in graph.objects(None, DCAT.downloadURL)}
    assert BASE + "dump.ttl" in downloads and all(
        (site / u.removeprefix(BASE)).is_file() for u in downloads
    )
    endpoints = {str(u) for u in graph.objects(None, DCAT.endpointURL)}
    assert endpoints and all(u.startswith(SITE_SERVICE) for u in endpoints)


def test_a_site_without_a_service_names_no_endpoint(tmp_path: Path) -> None:
    """``--url`` roots the catalogue's links where the site is served; with no ``--service``
    there is no endpoint to name (a small graph: the register's site is built once, above)."""
    data = tmp_path / "data.ttl"
    data.write_text(
        '<https://w3id.org/samverkan-kg/thing/a> <http://www.w3.org/2000/01/rdf-schema#label> "A"@sv .\n',
        encoding="utf-8",
    )
    target = tmp_path / "site"
    result = samverkan("site", str(target), "--data", str(data), "--url", "https://kg.example.org/")
    assert result.returncode == 0, result.stderr
    graph = Graph().parse(target / "catalog.ttl")
    assert conforms(graph)[0]
    downloads = {str(u) for u in graph.objects(None, DCAT.downloadURL)}
    assert "https://kg.example.org/dump.ttl" in downloads
    assert all((target / u.removeprefix("https://kg.example.org/")).is_file() for u in downloads)
    assert not list(graph.subjects(RDF.type, DCAT.DataService))
