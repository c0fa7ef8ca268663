"""Label columns for analysts (issue 11): ``?labels=true`` on a saved question's CSV (and the
other table formats) and ``samverkan query --labels`` put ``x_label`` beside each IRI column."""

import csv
import io
import json
import subprocess

import live
import pytest
from fastapi.testclient import TestClient

LIU_EN = "Linköping University"


@pytest.fixture(scope="module")
def client(curated_client: TestClient) -> TestClient:
    return curated_client


def test_csv_with_labels_has_a_name_beside_each_iri(client: TestClient) -> None:
    plain = client.get("/queries/units-per-partner", params={"format": "csv"})
    labelled = client.get(
        "/queries/units-per-partner", params={"format": "csv", "labels": "true", "lang": "en"}
    )
    assert labelled.status_code == 200
    plain_rows = list(csv.DictReader(io.StringIO(plain.text)))
    rows = list(csv.DictReader(io.StringIO(labelled.text)))
    header = labelled.text.splitlines()[0].split(",")
    assert header == ["partner", "partner_label", "unit", "unit_label", "projects"]
    assert len(rows) == len(plain_rows)
    assert [r["partner"] for r in rows] == [r["partner"] for r in plain_rows]
    assert all(r["partner_label"] for r in rows)
    assert all(r["unit_label"] for r in rows if r["unit"])  # an empty cell has no label
    liu = [r for r in rows if r["partner"].endswith("/partner/linkopings-universitet")]
    assert liu and {r["partner_label"] for r in liu} == {LIU_EN}
    swedish = client.get("/queries/units-per-partner", params={"format": "csv", "labels": "1"},
                         headers={"Accept-Language": "sv"})  # fmt: skip
    assert "Linköpings universitet" in swedish.text


def test_json_results_with_labels_and_the_page_offers_the_download(client: TestClient) -> None:
    data = client.get(
        "/queries/units-per-partner", params={"format": "json", "labels": "true"}
    ).json()
    assert data["head"]["vars"][:2] == ["partner", "partner_label"]
    page = client.get("/queries/units-per-partner", headers={"Accept": "text/html"}).text
    assert "format=csv&amp;labels=true" in page


def samverkan(*args: str) -> subprocess.CompletedProcess[str]:
    return live.samverkan("query", *args)


def test_cli_labels() -> None:
    result = samverkan("units-per-partner", "--format", "csv", "--labels", "--lang", "en")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and list(rows[0]) == ["partner", "partner_label", "unit", "unit_label", "projects"]
    assert LIU_EN in {r["partner_label"] for r in rows}
    table = samverkan("units-per-partner", "--labels", "--lang", "en")
    assert "partner_label" in table.stdout.splitlines()[0] and LIU_EN in table.stdout
    as_json = json.loads(samverkan("units-per-partner", "--format", "json", "--labels").stdout)
    assert "unit_label" in as_json["head"]["vars"]
    wrong = samverkan("--sparql", "ASK {}", "--labels")
    assert wrong.returncode == 2 and "--labels" in wrong.stderr
