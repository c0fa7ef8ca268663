"""Done when: a new partnership added from the template alone appears in queries, pages,
search and the comparison. The fictitious test-only partnership (tests/publishing/fixtures,
never in data/) is imported by the command, then served with data/ by the real app.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from live import samverkan

from service.app import create_app
from service.build import open_store
from service.paths import default_graph_files
from service.settings import Settings

PROJECT = "https://w3id.org/samverkan-kg/project/grona-tak-i-exempelstad"
PARTNERSHIP = "https://w3id.org/samverkan-kg/partnership/tu-exempelstads-kommun"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, partnership: Path) -> Iterator[TestClient]:
    out = tmp_path_factory.mktemp("data") / "testpartnerskap.ttl"
    result = samverkan("import", str(partnership), "--out", str(out))
    assert result.returncode == 0, result.stderr
    settings = Settings(files=[*default_graph_files(), Path(out)], query_workers=1)
    store = open_store(settings)
    with TestClient(create_app(settings, store)) as served:
        yield served


def test_in_sparql(client: TestClient) -> None:
    query = (
        f"SELECT ?p WHERE {{ <{PROJECT}> <https://w3id.org/samverkan-kg/ontology#partnership> ?p }}"
    )
    answer = client.get(
        "/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"}
    )
    assert answer.status_code == 200
    assert [b["p"]["value"] for b in answer.json()["results"]["bindings"]] == [PARTNERSHIP]


def test_in_saved_questions(client: TestClient) -> None:
    overview = client.get("/queries/partnerships-overview?format=json").json()
    rows = [r for r in overview["results"]["bindings"] if r["partnership"]["value"] == PARTNERSHIP]
    assert len(rows) == 1
    assert rows[0]["partner"]["value"].endswith("/partner/exempelstads-kommun")
    assert rows[0]["agreement"]["value"].endswith("/agreement/tu-exempelstads-kommun-2023")
    by_sdg = client.get("/queries/projects-by-sdg", params={"sdg": "sdg:13", "format": "json"})
    assert by_sdg.status_code == 200 and PROJECT in by_sdg.text


def test_on_its_pages(client: TestClient) -> None:
    page = client.get("/project/grona-tak-i-exempelstad", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "Gröna tak i Exempelstad" in page.text and "hösten 2023" in page.text
    english = client.get(
        "/project/grona-tak-i-exempelstad?lang=en", headers={"accept": "text/html"}
    )
    assert "Green roofs in Exempelstad" in english.text and "autumn 2023" in english.text
    turtle = client.get("/partnership/tu-exempelstads-kommun?format=ttl")
    assert turtle.status_code == 200 and "Testuniversitetet" in turtle.text


def test_in_search(client: TestClient) -> None:
    found = client.get("/search", params={"q": "grona tak", "format": "json"})
    assert found.status_code == 200, found.text
    assert found.json()["results"], found.text
    iris = [hit["iri"] for hit in found.json()["results"]]
    assert "https://w3id.org/samverkan-kg/project/grona-tak-i-exempelstad" in iris


def test_in_the_comparison(client: TestClient) -> None:
    comparison = client.get("/compare.json", params={"all": "true"}).json()
    assert "Samverkansavtal mellan Testuniversitetet och Exempelstads kommun 2023" in str(
        comparison
    )
    page = client.get("/compare", params={"all": "true"})
    assert "Testuniversitetet" in page.text


def _ask(client: TestClient, pattern: str) -> bool:
    query = (
        "PREFIX skg: <https://w3id.org/samverkan-kg/ontology#> "
        "PREFIX id: <https://w3id.org/samverkan-kg/> PREFIX org: <http://www.w3.org/ns/org#> "
        "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX schema: <https://schema.org/> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX dct: <http://purl.org/dc/terms/> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        f"ASK {{ {pattern} }}"
    )
    answer = client.get(
        "/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"}
    )
    assert answer.status_code == 200, answer.text
    return bool(answer.json()["boolean"])


@pytest.mark.parametrize(
    "pattern",
    [
        # Roller: the role members hold, with its names
        '<https://w3id.org/samverkan-kg/role/testrektor> a org:Role ; rdfs:label "Testrektor"@sv,'
        ' "Test Vice-Chancellor"@en ; skos:definition "En påhittad roll för tester."@sv .'
        " ?m org:role <https://w3id.org/samverkan-kg/role/testrektor> .",
        # Undertecknare: the signing is associated with the party and the person, agents
        "?s skg:signedFor <https://w3id.org/samverkan-kg/partner/testuniversitetet> ;"
        " prov:wasAssociatedWith <https://w3id.org/samverkan-kg/partner/testuniversitetet>,"
        " <https://w3id.org/samverkan-kg/person/testa-testsson> ."
        " <https://w3id.org/samverkan-kg/partner/testuniversitetet> a prov:Agent ."
        " <https://w3id.org/samverkan-kg/person/testa-testsson> a prov:Agent .",
        # Belägg: the evidence's name from its row
        "<https://w3id.org/samverkan-kg/evidence/tu-exempelstads-kommun-2023-parter>"
        ' rdfs:label "Belägg: avtalets parter"@sv .',
        # Partner: identifiers with their pages, notes and records
        "<https://w3id.org/samverkan-kg/partner/testuniversitetet>"
        " skos:exactMatch <http://www.wikidata.org/entity/Q999999991>, <https://ror.org/0abcdef12> ;"
        ' schema:identifier [ schema:propertyID "ROR" ; schema:value "0abcdef12" ;'
        " dct:source <https://example.org/testuniversitetet/ror> ],"
        ' [ a schema:PropertyValue ; schema:propertyID "organisationsnummer" ;'
        ' schema:value "202100-9994" ] .',
        "<https://w3id.org/samverkan-kg/partner/exempelstads-kommun> schema:identifier"
        ' [ schema:propertyID "kommunkod" ; schema:value "0999" ;'
        ' skos:editorialNote "A made-up code for tests."@en ] .',
    ],
    ids=["roles", "signatures", "evidence", "identifiers", "identifier-notes"],
)
def test_roles_signatures_evidence_and_identifiers(client: TestClient, pattern: str) -> None:
    assert _ask(client, pattern)


def test_only_who_signed_is_an_agent(client: TestClient) -> None:
    """No signature names Exempelstads kommun: it is not made a prov:Agent."""
    assert not _ask(
        client, "<https://w3id.org/samverkan-kg/partner/exempelstads-kommun> a prov:Agent"
    )


def test_identifiers_on_the_partner_page(client: TestClient) -> None:
    page = client.get("/partner/testuniversitetet?lang=en", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "https://ror.org/0abcdef12" in page.text
    assert "https://www.wikidata.org/wiki/Q999999991" in page.text
    assert "202100-9994" in page.text
