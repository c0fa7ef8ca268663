"""Evidence shown (issue 17): resource pages say beside each group of facts where it is
stated (source title linked to its address, the span's position); the comparison and
`samverkan compare` cite sources by title and address instead of file names."""

import csv
import io
import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from live import samverkan

HTML = {"Accept": "text/html"}
ADDRESS = "https://example.org/avtalet"

FIXTURE = f"""
@base <https://w3id.org/samverkan-kg/> .
@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<project/p> a skg:Project ; rdfs:label "Projektet"@sv ; dct:description "Om projektet"@sv ;
    skg:start [ rdfs:label "våren 2017"@sv ] ; dct:source <source/s>, <source/n> .
<source/s> a skg:SourceDocument ; dct:title "Avtalets webbsida"@sv ;
    dct:identifier "000_x.txt" ; schema:url <{ADDRESS}> .
<source/n> a skg:SourceDocument ; dct:title "Planen"@sv ; dct:identifier "001_y.txt" .
<evidence/p-start> a oa:Annotation ; oa:motivatedBy oa:identifying ; oa:hasBody <project/p> ;
    skg:evidenceFor skg:start ;
    oa:hasTarget [ a oa:SpecificResource ; oa:hasSource <source/s> ;
        oa:hasSelector [ a oa:TextPositionSelector ; oa:start 1234 ; oa:end 1301 ] ] .
<evidence/p-whole> a oa:Annotation ; oa:hasBody <project/p> ;
    oa:hasTarget [ oa:hasSource <source/n> ;
        oa:hasSelector [ a oa:TextPositionSelector ; oa:start "5"^^xsd:integer ; oa:end 40 ] ] .
"""


def test_resource_page_cites_each_group(make_client: Callable[..., TestClient]) -> None:
    client = make_client(FIXTURE)
    page = client.get("/project/p", params={"lang": "en"}, headers=HTML).text
    dates = page[page.index('<h3 class="group time">') : page.index('<table class="properties">',
                                                                      page.index('class="group time"'))]  # fmt: skip
    assert (
        f'<a href="{ADDRESS}" rel="external">Avtalets webbsida</a>, characters 1234–1301' in dates
    )
    description = page[
        page.index('<h3 class="group text">') : page.index('<h3 class="group time">')
    ]
    assert "Stated in" not in description  # no evidence names dct:description
    sources = page[page.index('<section class="sources">') : page.index("</section>")]
    assert f'href="{ADDRESS}"' in sources
    assert re.search(
        r'Stated in:\s*<a href="/source/n\?lang=en">Planen</a>, characters 5–40', sources
    )
    assert "no public address" in sources
    swedish = client.get("/project/p", params={"lang": "sv"}, headers=HTML).text
    assert "Står i" in swedish and "tecken 1234–1301" in swedish


def test_comparison_cites_titles_and_addresses(curated_client: TestClient) -> None:
    data = curated_client.get("/compare.json").json()
    cited = [s for row in data["agreements"] for s in row["sources"]]
    assert cited and all(s["title"] and not s["title"].endswith(".txt") for s in cited)
    addresses = {s["address"] for s in cited if s["address"]}
    assert "https://liu.se/artikel/strategisk-samverkan-norrkopings-kommun" in addresses
    table = csv.DictReader(io.StringIO(curated_client.get("/compare.csv").text))
    assert any("<https://liu.se/artikel/" in line["sources"] for line in table)
    page = curated_client.get("/compare").text
    assert 'href="https://liu.se/artikel/region-ostergotland-strategiska-partner"' in page
    assert "<code>004_fe6608385cb009ea.txt</code>" not in page


def test_cli_compare_cites_addresses() -> None:
    result = samverkan("compare", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "<https://liu.se/artikel/linkopings-kommun-strategiska-partner>" in result.stdout
