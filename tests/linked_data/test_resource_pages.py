"""Better resource pages (issue 11): properties grouped and named in the reader's language,
no XSD datatypes or raw prefixed names, incoming links read backwards ("responsible for"),
a summary for partners, and a picture of the neighbourhood — on the curated graph."""

import re

import pytest
from fastapi.testclient import TestClient

HTML = {"Accept": "text/html"}
TEMA_T = "/unit/liu-tema-teknik-och-social-forandring"


@pytest.fixture(scope="module")
def client(curated_client: TestClient) -> TestClient:
    return curated_client


def page(client: TestClient, path: str, lang: str = "en") -> str:
    response = client.get(path, params={"lang": lang}, headers=HTML)
    assert response.status_code == 200, path
    return response.text


@pytest.mark.parametrize(
    "path",
    ["/project/ulf", "/partner/linkopings-universitet", "/agreement/liu-region-ostergotland-2017",
     "/event/forskningsfestivalen-2018", TEMA_T],
)  # fmt: skip
def test_no_raw_vocabulary_on_pages(client: TestClient, path: str) -> None:
    text = page(client, path)
    shown = re.sub(r"<[^>]+>", " ", re.sub(r'(title|href)="[^"]*"', "", text))
    for raw in ("xsd:", "dct:type", "rdfs:label", "skos:", "org:", "schema:"):
        assert raw not in shown, (path, raw)


def test_properties_are_grouped(client: TestClient) -> None:
    text = page(client, "/project/ulf")
    groups = re.findall(r'<h3 class="group (\w+)">([^<]+)</h3>', text)
    assert [g for g, _ in groups] == ["text", "time", "links"]
    assert [name for _, name in groups] == ["Description", "Dates", "Connections"]
    swedish = page(client, "/project/ulf", "sv")
    assert [n for _, n in re.findall(r'<h3 class="group (\w+)">([^<]+)</h3>', swedish)] == [
        "Beskrivning",
        "Tider",
        "Kopplingar",
    ]


def test_incoming_links_are_read_backwards(client: TestClient) -> None:
    text = page(client, TEMA_T)
    incoming = text[text.index('<section class="incoming"') :]
    assert re.search(r'<th scope="row"><a [^>]*>responsible for</a>', incoming)
    assert 'href="/project/ulf?lang=en"' in incoming or "/project/" in incoming
    swedish = page(client, TEMA_T, "sv")
    assert ">ansvarig för</a>" in swedish


def test_partner_summary(client: TestClient) -> None:
    text = page(client, "/partner/linkopings-universitet")
    summary = text[text.index('id="summary-heading"') : text.index('id="properties-heading"')]
    parts = dict(re.findall(r'<h3>([^<]+) <span class="count">(\d+)</span>', summary))
    assert parts == {
        "Partnerships": "3",
        # the seeds' three agreements and plan, and the renewals of the Norrköping and
        # Linköping agreements the register's pages report
        "Agreements and plans": "6",
        "Units": "8",
        "Projects": "9",
    }
    assert 'href="/project/ulf?lang=en"' in summary
    assert 'href="/partnership/liu-region-ostergotland?lang=en"' in summary
    # a project is no organisation: no summary
    assert 'id="summary-heading"' not in page(client, "/project/ulf")


def test_neighbourhood_picture(client: TestClient) -> None:
    text = page(client, "/project/ulf")
    figure = re.search(r'<figure class="neighbourhood".*?</figure>', text, re.S)
    assert figure
    svg = figure.group(0)
    assert 'aria-hidden="true"' in svg and "<a " not in svg  # the tables carry the links
    assert svg.count('class="node"') >= 5
    assert "The ULF project" in svg and "<figcaption" in svg
    assert "Sustainable welfare" in svg  # a neighbour, by its label


def test_every_reused_term_in_the_data_has_a_name() -> None:
    """Pages name reused terms from the words catalogue's [terms]: a term the data starts to
    use without a name there would show raw (``schema:audienceType``) on every page."""
    from rdflib import RDF, URIRef

    from service.loading import load_graph
    from service.namespaces import SDG, SKG, compact_iri
    from service.pages.vocabulary import term_name
    from service.paths import default_graph_files

    graph = load_graph(default_graph_files())
    used = set(graph.predicates()) | {
        o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef)
    }
    ours = (str(SKG), str(SDG))
    unnamed = sorted(
        compact_iri(str(t))
        for t in used
        if term_name(t, "sv") is None and not str(t).startswith(ours)
    )
    assert not unnamed, f"name these in service/words/*.toml [terms]: {unnamed}"
