"""SDG coverage that explains itself (issue 17): each row of /compare and of the matrix (page,
CSV, JSON, SVG) says which case holds — the source names these goals, the source names no
goal, or not recorded — in Swedish and English."""

import csv
import io
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

BASE = "https://w3id.org/samverkan-kg/"
FIXTURE = """
@base <https://w3id.org/samverkan-kg/> .
@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sdgo: <http://metadata.un.org/sdg/ontology#> .

<agreement/stated> a skg:CollaborationAgreement ; rdfs:label "A"@sv ;
    skg:hasCollaborationArea <area/goals>, <area/silent> ; skg:sdgCoverage skg:SdgsStated .
<area/goals> a skg:CollaborationArea ; rdfs:label "Med mål"@sv ;
    skg:sdg <http://metadata.un.org/sdg/3> ; skg:sdgCoverage skg:SdgsStated .
<area/silent> a skg:CollaborationArea ; rdfs:label "Utan mål"@sv ;
    skg:sdgCoverage skg:NoSdgsInSource .
<agreement/unknown> a skg:CollaborationAgreement ; rdfs:label "B"@sv .
<http://metadata.un.org/sdg/3> a sdgo:Goal ; skos:notation "3" ; rdfs:label "Hälsa"@sv .
"""
EXPECTED = {
    "sv": {
        "agreement/stated": "källan anger dessa mål",
        "area/goals": "källan anger dessa mål",
        "area/silent": "källan anger inget mål",
        "agreement/unknown": "inte registrerat",
    },
    "en": {
        "agreement/stated": "the source names these goals",
        "area/goals": "the source names these goals",
        "area/silent": "the source names no goal",
        "agreement/unknown": "not recorded",
    },
}


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client(FIXTURE)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_surface_says_which_case_holds(client: TestClient, lang: str) -> None:
    expected = {BASE + k: v for k, v in EXPECTED[lang].items()}
    data = client.get("/compare.json", params={"lang": lang}).json()
    assert {m["iri"]: m["sdg_coverage_text"] for m in data["matrix"]} == expected
    assert {m["iri"]: m["sdg_coverage"] for m in data["matrix"]} == {
        BASE + "agreement/stated": "stated",
        BASE + "area/goals": "stated",
        BASE + "area/silent": "none",
        BASE + "agreement/unknown": "not-recorded",
    }
    rows = {r["iri"]: r["sdg_coverage_text"] for r in data["agreements"]}
    assert rows == {k: v for k, v in expected.items() if "/agreement/" in k}
    table = csv.DictReader(io.StringIO(client.get(f"/compare.csv?lang={lang}").text))
    assert {line["iri"]: line["sdg_coverage_text"] for line in table} == rows
    matrix = csv.DictReader(io.StringIO(client.get("/compare.csv?table=matrix").text))
    assert {line["iri"]: line["sdg_coverage"] for line in matrix}[BASE + "area/silent"] == "none"
    page = client.get("/compare", params={"lang": lang}).text
    svg = client.get("/compare/sdg-matrix.svg", params={"lang": lang}).text
    for text in expected.values():
        assert f">{text}</td>" in page
        assert f">{text}</text>" in svg
