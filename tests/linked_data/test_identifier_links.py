"""Organisations linked to the world (issue 17): a page links Wikidata and ROR records and
shows organisationsnummer, kommunkod and länskod with the page each was taken from."""

from collections.abc import Callable

from fastapi.testclient import TestClient

HTML = {"Accept": "text/html"}
PAGE = "https://example.org/scb-kommunkoder"
FIXTURE = f"""
@base <https://w3id.org/samverkan-kg/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .

<partner/u> a org:Organization ; rdfs:label "Universitetet"@sv ;
    skos:exactMatch <http://www.wikidata.org/entity/Q1>, <https://ror.org/000000001> ;
    schema:identifier
        [ a schema:PropertyValue ; schema:propertyID "ROR" ; schema:value "000000001" ;
          dct:source <source/ror> ],
        [ a schema:PropertyValue ; schema:propertyID "organisationsnummer" ;
          schema:value "202100-0000" ; dct:source <{PAGE}> ] .
<partner/k> a org:Organization ; rdfs:label "Kommunen"@sv ;
    schema:identifier [ a schema:PropertyValue ; schema:propertyID "kommunkod" ;
        schema:value "0580" ; dct:source <{PAGE}> ] .
<source/ror> a skg:SourceDocument ; dct:title "ROR-posten"@sv ;
    schema:url <https://ror.org/000000001> .
"""


def test_identifiers_are_linked(make_client: Callable[..., TestClient]) -> None:
    client = make_client(FIXTURE)
    page = client.get("/partner/u", params={"lang": "en"}, headers=HTML).text
    section = page[page.index('<section class="identifiers"') :]
    section = section[: section.index("</section>")]
    assert '<h2 id="identifiers-heading">Identifiers</h2>' in section
    schemes = [s.split("</th>")[0] for s in section.split('<th scope="row">')[1:]]
    assert schemes == ["Wikidata", "ROR", "organisationsnummer"]  # one ROR, not two
    assert '<a href="https://www.wikidata.org/wiki/Q1" rel="external">Q1</a>' in section
    assert '<a href="https://ror.org/000000001" rel="external">000000001</a>' in section
    assert "ROR-posten" in section  # the source it was taken from, by title
    assert '<span class="identifier">202100-0000</span>' in section and PAGE in section
    kommun = client.get("/partner/k", params={"lang": "sv"}, headers=HTML).text
    assert "Identifierare" in kommun and ">0580</span>" in kommun and "källa" in kommun


def test_a_curators_note_on_an_identifier_is_shown_as_theirs(
    curated_client: TestClient,
) -> None:
    """Region Gotland's länskod is its county's code, recorded for the region by the
    curators: the page says so beside the value, in the page's language."""
    for lang, words, note in (
        ("sv", "kuratorernas anmärkning", "Gotlands län"),
        ("en", "the curators&#39; note", "Gotlands län (county)"),
    ):
        page = curated_client.get("/partner/region-gotland", params={"lang": lang}, headers=HTML)
        section = page.text[page.text.index('<section class="identifiers"') :]
        row = section[section.index(">länskod<") :]
        row = row[: row.index("</tr>")]
        assert ">09<" in row and f'<span class="claim-note">{words}: ' in row and note in row
    organisationsnummer = section[section.index(">organisationsnummer<") :]
    assert "claim-note" not in organisationsnummer[: organisationsnummer.index("</tr>")]
