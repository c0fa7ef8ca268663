"""`samverkan import`, `export` and `diff` as subprocesses: the round trip, exit codes, atomic
writes and deterministic dumps."""

import csv
import shutil
from pathlib import Path

import pytest
from live import samverkan
from locations import REPO
from publishing_support import FIXTURE, partnership_folder
from rdflib import Dataset, Graph

from service.loading.rdf import load_graph
from service.paths import data_files, default_graph_files
from service.publishing.dumps import isomorphic


def test_round_trip_through_the_commands(tmp_path: Path) -> None:
    """export --template → import → the same graph as data/ (isomorphic), diff says so."""
    template = tmp_path / "mall.xlsx"
    exported = samverkan("export", "--template", str(template))
    assert exported.returncode == 0, exported.stderr
    out = tmp_path / "alla.ttl"
    # --alone: the workbook holds every resource of data/, which import refuses to describe
    # twice; alone, it is validated with the ontology only.
    imported = samverkan("import", str(template), "--out", str(out), "--alone")
    assert imported.returncode == 0, imported.stderr
    assert isomorphic(load_graph([out]), load_graph(data_files()))
    same = samverkan("diff", str(REPO / "data"), str(out))
    assert same.returncode == 0, same.stdout + same.stderr
    assert same.stdout.strip() == "no difference"


def test_csv_template_round_trip(tmp_path: Path) -> None:
    folder = tmp_path / "mall"
    assert samverkan("export", "--template", str(folder)).returncode == 0
    assert (folder / "Projekt.csv").is_file() and (folder / "Övrigt.csv").is_file()
    out = tmp_path / "alla.ttl"
    result = samverkan("import", str(folder), "--out", str(out), "--alone")
    assert result.returncode == 0, result.stderr
    assert isomorphic(load_graph([out]), load_graph(data_files()))


def test_import_of_a_new_partnership(tmp_path: Path, partnership: Path) -> None:
    out = tmp_path / "data" / "testpartnerskap.ttl"
    result = samverkan("import", str(partnership), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("@prefix") and "proj:grona-tak-i-exempelstad" in text
    assert '"hösten 2023"@sv' in text


def _broken_fixture(tmp_path: Path, column: str, value: str) -> Path:
    folder = partnership_folder(tmp_path / "mall")
    path = folder / "Projekt.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder


def test_unreadable_cell_exit_2_and_nothing_written(tmp_path: Path) -> None:
    folder = _broken_fixture(tmp_path, "Start", "Hösten 20201")
    out = tmp_path / "ut.ttl"
    out.write_text("# the previous release\n", encoding="utf-8")
    result = samverkan("import", str(folder), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"{folder}: Projekt!I2 (column \"Start\"): 'Hösten 20201' is not a date the template "
        "understands: write a year, a month and year, or 'våren'/'hösten' and a year"
    )
    assert result.stderr.splitlines()[-1] == f"{out}: not written (1 problems)"
    assert out.read_text(encoding="utf-8") == "# the previous release\n"
    assert "Traceback" not in result.stderr


def test_violations_exit_1_name_the_row_and_write_nothing(tmp_path: Path) -> None:
    folder = _broken_fixture(tmp_path, "Källor", "")
    out = tmp_path / "ut.ttl"
    result = samverkan("import", str(folder), "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert 'Projekt!N2 (column "Källor"): ' in result.stderr
    assert 'Fill in the column "Källor".' in result.stderr
    assert "not written" in result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".ut.ttl*"))  # no temporary left behind


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "no-such.xlsx", "--out", "x.ttl"], "no-such.xlsx: no such file or folder"),
        (
            ["import", str(REPO / "README.md"), "--out", "x.ttl"],
            "give an .xlsx workbook or a folder of .csv files",
        ),
        (["export"], "give either --template"),
        (
            ["import", str(FIXTURE), "--out", "x.ttl", "--shapes", "no-such.ttl"],
            "--shapes no-such.ttl: no such file or folder",
        ),
        (
            ["import", str(FIXTURE), "--out", "x.ttl", "--data", "no-such.ttl"],
            "--data no-such.ttl: no such file or folder",
        ),
        (["diff", str(REPO / "data"), "no-such.ttl"], "no such file or folder"),
    ],
)
def test_bad_input_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = samverkan(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "mall.xlsx"
    fake.write_bytes(b"not a zip file")
    result = samverkan("import", str(fake), "--out", str(tmp_path / "x.ttl"))
    assert result.returncode == 2
    assert "not an XLSX workbook" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["ttl", "nq", "jsonld"])
def test_dumps_are_deterministic_and_complete(tmp_path: Path, fmt: str) -> None:
    first = samverkan("export", "--format", fmt, env={"PYTHONHASHSEED": "1"})
    second = samverkan(
        "export", "--format", fmt, "--out", str(tmp_path / f"d.{fmt}"), env={"PYTHONHASHSEED": "2"}
    )
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == (tmp_path / f"d.{fmt}").read_text(encoding="utf-8")
    dataset = Dataset()
    dataset.parse(
        data=first.stdout, format={"ttl": "turtle", "nq": "nquads", "jsonld": "json-ld"}[fmt]
    )
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    assert isomorphic(graph, load_graph(default_graph_files()))
    if fmt == "nq":
        lines = first.stdout.splitlines()
        assert lines == sorted(lines)
    if fmt == "ttl":
        assert "@prefix proj: <https://w3id.org/samverkan-kg/project/> ." in first.stdout


def test_diff_groups_changes_by_resource_with_labels(tmp_path: Path) -> None:
    new = tmp_path / "data"
    shutil.copytree(REPO / "data", new)
    path = new / "linkoping.ttl"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "skg:sdg sdg:5, sdg:7, sdg:11, sdg:17 ;", "skg:sdg sdg:5, sdg:7, sdg:11, sdg:13 ;"
    )
    text = text.replace(
        '"oktober 2021"@sv, "October 2021"@en', '"november 2021"@sv, "November 2021"@en'
    )
    path.write_text(text, encoding="utf-8")
    result = samverkan("diff", str(REPO / "data"), str(new))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == "project/klimatneutrala-linkoping-2030  (Klimatneutrala Linköping 2030 (Viable Cities))"
    )
    assert "  - skg:sdg sdg:17" in lines and "  + skg:sdg sdg:13" in lines
    assert '  - skg:start → rdfs:label "oktober 2021"@sv' in lines
    assert '  + skg:start → rdfs:label "november 2021"@sv' in lines
    assert lines[-1].startswith("1 resource(s) changed:")
