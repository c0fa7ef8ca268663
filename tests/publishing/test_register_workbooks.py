"""The register's partnerships were imported from the filled templates in data/workbooks/:
each workbook must still give exactly its data file, so that a coordinator who corrects a
cell and imports again loses nothing (an identifier added to the Turtle alone once would
have been dropped by the next import). Each is imported by the command, as a coordinator
does, into a copy of the graph, replacing its own file."""

import csv
import shutil
from pathlib import Path

import pytest
from live import samverkan
from locations import REPO
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from service.publishing.dumps import isomorphic

WORKBOOKS = sorted((REPO / "data" / "workbooks").iterdir())


def test_the_register_has_its_workbooks() -> None:
    assert len(WORKBOOKS) >= 6
    for workbook in WORKBOOKS:
        assert (REPO / "data" / f"{workbook.name}.ttl").is_file(), workbook.name


@pytest.fixture(scope="module")
def graph_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("graph")
    for folder in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.mark.parametrize("workbook", WORKBOOKS, ids=lambda p: p.name)
def test_each_workbook_imports_to_exactly_its_data_file(graph_root: Path, workbook: Path) -> None:
    out = graph_root / "data" / f"{workbook.name}.ttl"
    done = samverkan(
        "import", str(workbook), "--out", str(out), env={"SAMVERKAN_GRAPH_ROOT": str(graph_root)}
    )
    assert done.returncode == 0, done.stderr
    imported = Graph().parse(out)
    committed = Graph().parse(REPO / "data" / f"{workbook.name}.ttl")
    if not isomorphic(imported, committed):
        _, only_workbook, only_file = graph_diff(to_isomorphic(imported), to_isomorphic(committed))
        pytest.fail(
            f"{workbook.name}: {len(only_workbook)} statements only in the workbook, "
            f"{len(only_file)} only in the data file, e.g. {sorted(only_file)[:3]}"
        )


@pytest.mark.parametrize("workbook", WORKBOOKS, ids=lambda p: p.name)
def test_roles_signers_evidence_and_identifiers_need_no_rows_in_ovrigt(workbook: Path) -> None:
    """What the template's columns now say — roles (Roller), who a signature is associated
    with (Undertecknare), evidence's names (Belägg) and identifiers (Partner) — is not
    written statement by statement in Övrigt."""
    with (workbook / "Övrigt.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    covered = [
        r
        for r in rows
        if r["Resurs"].startswith(("role/", "evidence/", "_:"))
        or r["Egenskap"] in ("prov:wasAssociatedWith", "schema:identifier", "skos:exactMatch")
        or r["Värde"] in ("prov:Agent", "org:Role", "schema:PropertyValue")
    ]
    assert not covered, covered
