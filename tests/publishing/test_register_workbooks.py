"""The register's partnerships were imported from the filled templates in data/workbooks/:
each workbook must still give exactly its data file, so that a coordinator who corrects a
cell and imports again loses nothing (an identifier added to the Turtle alone once would
have been dropped by the next import)."""

from pathlib import Path

import pytest
from locations import REPO
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from service.publishing.convert import tables_to_graph
from service.publishing.dumps import isomorphic
from service.publishing.workbook import read_tables

WORKBOOKS = sorted((REPO / "data" / "workbooks").iterdir())


def test_the_register_has_its_workbooks() -> None:
    assert len(WORKBOOKS) >= 6
    for workbook in WORKBOOKS:
        assert (REPO / "data" / f"{workbook.name}.ttl").is_file(), workbook.name


@pytest.mark.parametrize("workbook", WORKBOOKS, ids=lambda p: p.name)
def test_each_workbook_gives_exactly_its_data_file(workbook: Path) -> None:
    imported = tables_to_graph(read_tables(workbook)).graph
    committed = Graph().parse(REPO / "data" / f"{workbook.name}.ttl")
    if not isomorphic(imported, committed):
        _, only_workbook, only_file = graph_diff(to_isomorphic(imported), to_isomorphic(committed))
        pytest.fail(
            f"{workbook.name}: {len(only_workbook)} statements only in the workbook, "
            f"{len(only_file)} only in the data file, e.g. {sorted(only_file)[:3]}"
        )
