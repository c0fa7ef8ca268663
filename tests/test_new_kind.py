"""A new kind of partnership is ontology, shape and data: no Python changes.

The graph root is the project's files plus ``tests/fixtures/new-kind/`` (a subclass of
``skg:Partnership`` with its path, words and template sheet declared in its ontology file,
its shape, and one alliance with an agreement). A real ``samverkan serve`` on that root lists
the kind on /browse, serves its listing at its own path, compares its agreement, answers a
saved question with it and names it on a partner's page; ``samverkan export`` writes it in
the template's partnership sheet and gives its path a prefix in a dump.
"""

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live import LiveServer, running_server, samverkan
from locations import REPO
from rdflib import RDF, Graph, URIRef

FIXTURE = REPO / "tests" / "fixtures" / "new-kind"
BASE = "https://w3id.org/samverkan-kg/"
ALLIANCE = f"{BASE}alliance/exempel"
AGREEMENT = f"{BASE}agreement/exempel-avtal"
NETWORK = f"{BASE}partnership/exempelnatverket"
KIND = "https://w3id.org/samverkan-kg/ontology#ResearchAlliance"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's graph files with the fixture's three files added."""
    folder = tmp_path_factory.mktemp("graph-with-a-new-kind")
    for part in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / part, folder / part)
    for part in ("ontology", "data", "shapes"):
        for file in (FIXTURE / part).iterdir():
            shutil.copy(file, folder / part / file.name)
    return folder


@pytest.fixture(scope="module")
def server(root: Path) -> Iterator[LiveServer]:
    with running_server([], env={"SAMVERKAN_GRAPH_ROOT": str(root)}, timeout=180) as live:
        yield live


def _get(server: LiveServer, path: str, **params: str) -> httpx.Response:
    headers = {"Accept": "text/html"}  # the pages; ?format= asks for the rest
    response = httpx.get(server.url + path, params=params, headers=headers, timeout=60)
    assert response.status_code == 200, (path, response.text[:500])
    return response


def test_the_new_kind_is_listed_with_its_words(server: LiveServer) -> None:
    kinds = {
        k["kind"]: k for k in _get(server, "/browse", format="json", lang="en").json()["kinds"]
    }
    assert kinds["alliance"]["name"] == "Research alliances"
    assert kinds["alliance"]["count"] == 1
    swedish = _get(server, "/browse", lang="sv").text
    assert "Forskningsallianser" in swedish


def test_the_new_kind_is_browsed_at_its_path(server: LiveServer) -> None:
    listing = _get(server, "/alliance", format="json", lang="en").json()
    assert [row["iri"] for row in listing["rows"]] == [ALLIANCE]
    page = _get(server, "/alliance/exempel", lang="en").text
    assert "The example alliance" in page


def test_the_new_kinds_agreement_is_compared(server: LiveServer) -> None:
    rows = _get(server, "/compare.json", lang="en", all="true").json()["agreements"]
    row = next(r for r in rows if r["iri"] == AGREEMENT)
    assert row["kind"] == "agreement"
    assert row["partnership"] == {"iri": ALLIANCE, "label": "The example alliance"}
    assert {p["iri"] for p in row["partners"]} == {
        f"{BASE}partner/linkopings-universitet",
        f"{BASE}partner/linkopings-kommun",
    }
    assert "The example alliance" in _get(server, "/compare", lang="en", all="true").text


def test_a_kind_of_network_is_compared_by_itself(server: LiveServer) -> None:
    """Networks are rows of their own (skg:comparedAs): so are their subclasses'."""
    rows = _get(server, "/compare.json", lang="en", all="true").json()["agreements"]
    row = next(r for r in rows if r["iri"] == NETWORK)
    assert (row["kind"], row["kind_label"]) == ("network", "collaboration network")
    assert row["partnership"]["iri"] == NETWORK
    assert row["signed_text"] == "no signed agreement (network)"
    assert [r["kind"] for r in rows][-2:] == ["network", "network"]  # networks last


def test_a_saved_question_asks_for_every_kind_of_partnership(server: LiveServer) -> None:
    answer = _get(
        server,
        "/queries/partners-per-university",
        format="json",
    ).json()
    rows = [
        {name: cell["value"] for name, cell in binding.items()}
        for binding in answer["results"]["bindings"]
    ]
    found = {(r["partnership"], r["kind"]) for r in rows}
    assert (ALLIANCE, KIND) in found
    assert (NETWORK, "https://w3id.org/samverkan-kg/ontology#ThematicNetwork") in found


def test_a_partners_page_names_its_alliance(server: LiveServer) -> None:
    page = _get(server, "/partner/linkopings-kommun", lang="en").text
    assert 'href="/alliance/exempel' in page


def test_the_template_writes_the_new_kind_in_the_partnership_sheet(
    root: Path, tmp_path: Path
) -> None:
    env = {"SAMVERKAN_GRAPH_ROOT": str(root)}
    exported = samverkan("export", "--template", str(tmp_path / "mall"), env=env)
    assert exported.returncode == 0, exported.stderr
    with (tmp_path / "mall" / "Partnerskap.csv").open(encoding="utf-8") as sheet:
        rows = {row["ID"]: row for row in csv.DictReader(sheet)}
    assert rows["alliance/exempel"]["Typ"] == "forskningsallians"
    assert rows["exempelnatverket"]["Typ"] == "tematiskt nätverk"
    # and read back, the word means the class again
    out = tmp_path / "imported.ttl"
    # --alone: the exported graph re-describes every file of data/, which a plain import refuses
    imported = samverkan("import", str(tmp_path / "mall"), "--out", str(out), "--alone", env=env)
    assert imported.returncode == 0, imported.stderr
    graph = Graph().parse(out)
    assert (URIRef(ALLIANCE), RDF.type, URIRef(KIND)) in graph


def test_a_dump_abbreviates_the_new_path(root: Path) -> None:
    dumped = samverkan("export", "--format", "ttl", env={"SAMVERKAN_GRAPH_ROOT": str(root)})
    assert dumped.returncode == 0, dumped.stderr
    assert f"@prefix ally: <{BASE}alliance/> ." in dumped.stdout
    assert "ally:exempel a skg:ResearchAlliance" in dumped.stdout


def test_a_path_named_twice_is_refused_at_start(tmp_path: Path) -> None:
    """Two classes giving one path two names: `serve` says where, before serving anything."""
    for part in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / part, tmp_path / part)
    (tmp_path / "ontology" / "twice.ttl").write_text(
        "@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .\n"
        'skg:Network skg:pluralLabel "Nätverk"@sv .\n',
        encoding="utf-8",
    )
    served = samverkan("serve", "--get", "/browse", env={"SAMVERKAN_GRAPH_ROOT": str(tmp_path)})
    assert served.returncode == 2, served.stderr
    assert f"{tmp_path / 'ontology'}: the path 'partnership' is named on more than one class" in (
        served.stderr
    )
    assert "Traceback" not in served.stderr
