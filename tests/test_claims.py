"""The curators' judgement marked on every surface (issue 17): one rule (service.claims),
resource pages, listings and their CSV/JSON, the comparison and its matrix, search results
and saved questions — each with its stated-only view one parameter away."""

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from live import samverkan
from rdflib import URIRef

from service.claims import claims
from service.store.querying import DatasetStore
from service.words import say

BASE = "https://w3id.org/samverkan-kg/"
HTML = {"Accept": "text/html"}
CLOSE_MATCH = "http://www.w3.org/2004/02/skos/core#closeMatch"
LK_TILLVAXT = "/area/lk-hallbar-tillvaxt"
NOTE_SV = "Kuratorernas bedömning av närhet mellan begreppen"

#: A small graph with a claim on each kind of fact the comparison and search show: a
#: member of a partnership, a goal of an area and a type.
FIXTURE = """
@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .
@base <https://w3id.org/samverkan-kg/> .
@prefix id: <https://w3id.org/samverkan-kg/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix sdgo: <http://metadata.un.org/sdg/ontology#> .
@prefix schema: <https://schema.org/> .

<partnership/p> a skg:Partnership ; rdfs:label "Partnerskapet"@sv ;
    org:hasMember <partner/stated>, <partner/claimed> .
<partner/stated> a org:Organization ; rdfs:label "Uttalad part"@sv .
<partner/claimed> a org:Organization, schema:FundingScheme ; rdfs:label "Slutledd part"@sv .
<agreement/a> a skg:CollaborationAgreement ; rdfs:label "Avtalet"@sv ;
    skg:partnership <partnership/p> ; skg:hasCollaborationArea <area/x> .
<area/x> a skg:CollaborationArea ; rdfs:label "Området"@sv ;
    skg:sdg <http://metadata.un.org/sdg/3>, <http://metadata.un.org/sdg/4> .
<http://metadata.un.org/sdg/3> a sdgo:Goal ; skos:notation "3" ; rdfs:label "Hälsa"@sv .
<http://metadata.un.org/sdg/4> a sdgo:Goal ; skos:notation "4" ; rdfs:label "Utbildning"@sv .

id:curators a prov:Agent ; rdfs:label "kuratorerna"@sv .
[] a skg:InferredAffiliation ; rdf:subject <partnership/p> ; rdf:predicate org:hasMember ;
    rdf:object <partner/claimed> ; prov:wasAttributedTo id:curators ;
    skos:note "Medlem enligt kuratorerna"@sv, "A member by the curators' reading"@en .
[] a skg:CuratorInference ; rdf:subject <area/x> ; rdf:predicate skg:sdg ;
    rdf:object <http://metadata.un.org/sdg/4> ; prov:wasAttributedTo id:curators ;
    skos:note "Målet är kuratorernas slutsats"@sv, "The goal is the curators' inference"@en .
[] a skg:CuratorInference ; rdf:subject <partner/claimed> ; rdf:predicate rdf:type ;
    rdf:object schema:FundingScheme ; prov:wasAttributedTo id:curators ;
    skos:note "Typen är kuratorernas"@sv, "The type is the curators'"@en .
"""


@pytest.fixture(scope="module")
def curated(curated_client: TestClient) -> TestClient:
    return curated_client


@pytest.fixture
def small(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client(FIXTURE)


def test_every_claim_is_a_triple_of_the_graph(curated_store: DatasetStore) -> None:
    found = claims(curated_store)
    assert len(found) >= 34
    for claim in found:
        s, p, o = claim.triple
        assert curated_store.ask("ASK { ?s ?p ?o }", {"s": s, "p": p, "o": o}), claim
        assert claim.note("sv") and claim.note("en")
    tillvaxt = URIRef(BASE + "area/lk-hallbar-tillvaxt")
    norrkoping = URIRef(BASE + "area/norrkoping-hallbar-tillvaxt")
    assert found.is_claim(tillvaxt, URIRef(CLOSE_MATCH), norrkoping)
    assert not found.is_claim(norrkoping, URIRef(CLOSE_MATCH), URIRef(BASE + "area/other"))


def test_resource_page_marks_the_judgement_and_has_a_stated_view(curated: TestClient) -> None:
    page = curated.get(LK_TILLVAXT, params={"lang": "en"}, headers=HTML).text
    assert page.count('<details class="claim"><summary>curators&#39; judgement</summary>') == 2
    assert "The curators&#39; judgement of closeness" in page
    assert "?stated=only" in page
    stated = curated.get(LK_TILLVAXT, params={"stated": "only"}, headers=HTML).text
    assert 'class="claim"' not in stated and CLOSE_MATCH not in stated
    turtle = curated.get(LK_TILLVAXT, params={"format": "ttl"}).text
    assert "closeMatch" in turtle
    assert "closeMatch" not in curated.get(LK_TILLVAXT + "?format=ttl&stated=only").text


def test_listing_marks_the_judgement_in_page_csv_and_json(curated: TestClient) -> None:
    # CSV headers are readable names (Swedish by default); JSON keeps the prefixed keys
    role = next(c["name"] for c in curated.get("/membership.json").json()["columns"]
                if c["key"] == "org:role")  # fmt: skip
    judgement = say("sv", "claims.judgement")
    rows = list(csv.DictReader(io.StringIO(curated.get("/membership.csv").text)))
    claimed = BASE + "membership/samverkansgruppen-2017-amanda-granqvist"
    by_iri = {row["IRI"]: row for row in rows}
    assert "Bildtexten namnger personen" in by_iri[claimed][judgement]
    assert any(row[judgement] == "" for row in rows)  # stated rows stay plain
    stated = csv.DictReader(io.StringIO(curated.get("/membership.csv?stated=only").text))
    stated_rows = {row["IRI"]: row for row in stated}
    assert stated_rows[claimed][judgement] == ""
    assert stated_rows[claimed][role] == ""  # the inferred role is left out
    # (memberships: their inferred roles are among the listing's key columns, which are
    # chosen from the data; an area's close matches no longer are, with the register's areas)
    data = curated.get("/membership.json", params={"lang": "en"}).json()
    notes = [
        cell["curators_judgement"]
        for row in data["rows"]
        for cells in row["values"].values()
        for cell in cells
        if "curators_judgement" in cell
    ]
    assert notes and all("curators" in note for note in notes)
    page = curated.get("/membership", headers=HTML).text
    assert '<details class="claim">' in page and "stated=only" in page


def test_comparison_marks_claimed_members_and_goals(small: TestClient) -> None:
    data = small.get("/compare.json", params={"lang": "en"}).json()
    (row,) = data["agreements"]
    partners = {p["label"]: p.get("curators_judgement") for p in row["partners"]}
    assert partners == {"Slutledd part": "A member by the curators' reading", "Uttalad part": None}
    assert {"facet": "partner", "value": "Slutledd part"}.items() <= row["curators_judgements"][
        0
    ].items()
    table = list(csv.DictReader(io.StringIO(small.get("/compare.csv?lang=en").text)))
    assert (
        "partner: Slutledd part — A member by the curators' reading"
        in table[0]["curators_judgements"]
    )
    matrix = list(csv.DictReader(io.StringIO(small.get("/compare.csv?table=matrix").text)))
    judged = {(m["level"], m["sdg"]) for m in matrix if m["curators_judgement"] == "true"}
    assert judged == {("agreement", "4"), ("area", "4")}
    page = small.get("/compare", params={"lang": "en"}).text
    assert "<summary>curators&#39; judgement</summary>" in page
    assert 'class="judged"' in page
    assert 'class="judged"' in small.get("/compare/sdg-matrix.svg").text
    only = small.get("/compare.json?stated=only").json()
    assert [p["label"] for p in only["agreements"][0]["partners"]] == ["Uttalad part"]
    assert only["agreements"][0]["sdgs"] == [3]
    assert small.get("/compare.json?stated=maybe").status_code == 400


def test_search_marks_a_claimed_type(small: TestClient) -> None:
    (hit,) = small.get("/search", params={"q": "slutledd", "lang": "en"}).json()["results"]
    assert hit["curators_judgement"] == ["The type is the curators'"]
    assert "https://schema.org/FundingScheme" in hit["types"]
    (stated,) = small.get("/search", params={"q": "slutledd", "stated": "only"}).json()["results"]
    assert stated["curators_judgement"] == []
    assert "https://schema.org/FundingScheme" not in stated["types"]
    page = small.get("/search", params={"q": "slutledd"}, headers=HTML).text
    assert '<details class="claim">' in page


def test_saved_question_has_a_judgement_column(curated: TestClient) -> None:
    answer = curated.get("/queries/stated-and-curated-links?format=csv").text
    rows = list(csv.DictReader(io.StringIO(answer)))
    assert rows and all((r["linkOrigin"] == "curated") == bool(r["curators_judgement"])
                        for r in rows)  # fmt: skip
    stated = curated.get("/queries/stated-and-curated-links?format=csv&stated=only").text
    stated_rows = list(csv.DictReader(io.StringIO(stated)))
    assert stated_rows and {r["linkOrigin"] for r in stated_rows} == {"stated"}
    results = curated.get("/queries/stated-and-curated-links?format=json").json()
    assert "curators_judgement" in results["head"]["vars"]
    page = curated.get("/queries/stated-and-curated-links", headers=HTML).text
    assert "curators_judgement" in page and "stated=only" in page


def test_cli_stated_only(tmp_path: Path) -> None:
    data = tmp_path / "small.ttl"
    data.write_text(FIXTURE, encoding="utf-8")
    env = {"SAMVERKAN_ALLOW_INVALID": "true"}
    marked = samverkan("compare", "--format", "json", "--data", str(data), env=env)
    assert marked.returncode == 0, marked.stderr
    partners = json.loads(marked.stdout)["agreements"][0]["partners"]
    assert [p["label"] for p in partners] == ["Slutledd part", "Uttalad part"]
    only = samverkan("compare", "--format", "json", "--stated-only", "--data", str(data), env=env)
    assert only.returncode == 0, only.stderr
    assert [p["label"] for p in json.loads(only.stdout)["agreements"][0]["partners"]] == [
        "Uttalad part"
    ]
    question = samverkan("query", "stated-and-curated-links", "--format", "csv", "--stated-only")
    assert question.returncode == 0, question.stderr
    assert ",curated," not in question.stdout and ",stated," in question.stdout
