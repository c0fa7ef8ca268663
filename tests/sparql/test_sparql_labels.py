"""``/sparql?labels=true``: a label column beside each IRI column of a SELECT, in the
request's language, in CSV, TSV and JSON (as Wikidata's label service does)."""

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from service.store.querying import DatasetStore

BASE = "https://w3id.org/samverkan-kg/"
QUERY = (
    "PREFIX skg: <https://w3id.org/samverkan-kg/ontology#> "
    "SELECT ?agreement ?partner ?n WHERE { "
    f"VALUES ?agreement {{ <{BASE}agreement/liu-norrkopings-kommun-2017> }} "
    "?agreement skg:party ?partner . BIND(1 AS ?n) } ORDER BY ?partner"
)
LIU = BASE + "partner/linkopings-universitet"


@pytest.fixture(scope="module")
def client(curated_store: DatasetStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), curated_store)) as test_client:  # type: ignore[call-arg]
        yield test_client


@pytest.mark.parametrize(
    ("lang", "headers", "liu"),
    [
        ("en", {}, "Linköping University"),
        ("sv", {}, "Linköpings universitet"),
        (None, {"Accept-Language": "en"}, "Linköping University"),
    ],
)
def test_csv_gets_a_label_column_beside_each_iri_column(
    client: TestClient, lang: str | None, headers: dict[str, str], liu: str
) -> None:
    params = {"query": QUERY, "labels": "true", "format": "csv"} | ({"lang": lang} if lang else {})
    response = client.get("/sparql", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == ["agreement", "agreement_label", "partner", "partner_label", "n"]
    by_partner = {row["partner"]: row["partner_label"] for row in rows}
    assert by_partner[LIU] == liu
    swedish = liu == "Linköpings universitet"
    expected = "Samverkansavtal mellan" if swedish else "Collaboration agreement between"
    assert all(row["agreement_label"].startswith(expected) for row in rows)


def test_json_and_tsv_and_a_post_carry_the_labels(client: TestClient) -> None:
    answer = client.get(
        "/sparql", params={"query": QUERY, "labels": "true", "lang": "en"},
        headers={"Accept": "application/sparql-results+json"},
    )  # fmt: skip
    assert answer.status_code == 200
    data = answer.json()
    assert data["head"]["vars"] == ["agreement", "agreement_label", "partner", "partner_label", "n"]
    labels = {
        b["partner"]["value"]: b["partner_label"]["value"] for b in data["results"]["bindings"]
    }
    assert labels[LIU] == "Linköping University"
    tsv = client.post(
        "/sparql?labels=true&lang=sv&format=tsv",
        data={"query": QUERY},
    )
    assert tsv.status_code == 200, tsv.text
    assert tsv.text.splitlines()[0].split("\t")[:4] == [
        "?agreement", "?agreement_label", "?partner", "?partner_label",
    ]  # fmt: skip
    assert '"Linköpings universitet"' in tsv.text


def test_without_labels_the_engine_answers_as_before(client: TestClient) -> None:
    plain = client.get("/sparql", params={"query": QUERY, "format": "csv"})
    assert plain.text.splitlines()[0] == "agreement,partner,n"


@pytest.mark.parametrize(
    ("params", "status", "said"),
    [
        ({"query": "ASK { ?s ?p ?o }", "labels": "true"}, 400, "SELECT answers only"),
        ({"query": QUERY, "labels": "yes"}, 400, "neither true nor false"),
        ({"query": QUERY, "labels": "true", "format": "ttl"}, 406, "not acceptable"),
    ],
)
def test_labels_refuses_what_it_cannot_label(
    client: TestClient, params: dict[str, str], status: int, said: str
) -> None:
    response = client.get("/sparql", params=params)
    assert response.status_code == status
    assert said in response.text
