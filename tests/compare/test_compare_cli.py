"""``samverkan compare`` as a subprocess: the SVG file, CSV and JSON on stdout, errors."""

import csv
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import live
import pytest

from service.compare.formats import AGREEMENT_COLUMNS, MATRIX_COLUMNS, to_json
from service.compare.model import gather
from service.store.querying import DatasetStore

SVG_NS = "{http://www.w3.org/2000/svg}"


def samverkan(*args: str) -> subprocess.CompletedProcess[str]:
    return live.samverkan("compare", *args, timeout=120)


def test_writes_the_svg(tmp_path: Path, curated_store: DatasetStore) -> None:
    target = tmp_path / "matrix.svg"
    done = samverkan("--svg", str(target), "--lang", "en", "--all")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""  # only the file was asked for
    root = ET.parse(target).getroot()
    assert root.tag == f"{SVG_NS}svg"
    headers = [g for g in root.iter(f"{SVG_NS}g") if "sdg-header" in g.get("class", "")]
    assert len(headers) == 17
    expected = to_json(gather(curated_store, "en"))
    rows = [
        g.get("data-iri") for g in root.iter(f"{SVG_NS}g") if "matrix-row" in g.get("class", "")
    ]
    assert rows == [m["iri"] for m in expected["matrix"]]


def test_svg_and_json_together(tmp_path: Path) -> None:
    target = tmp_path / "matrix.svg"
    done = samverkan("--svg", str(target), "--format", "json", "--all")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    # the seeds' 5 rows (3 agreements, the plan, the network), the register's 7 agreements
    assert data["lang"] == "sv" and len(data["agreements"]) == 12
    assert ET.parse(target).getroot().tag == f"{SVG_NS}svg"


def test_csv_is_the_default_and_matches_json() -> None:
    as_csv = samverkan()
    as_json = samverkan("--format", "json")
    assert as_csv.returncode == 0 and as_json.returncode == 0, as_csv.stderr + as_json.stderr
    lines = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    data = json.loads(as_json.stdout)
    assert tuple(lines[0]) == AGREEMENT_COLUMNS
    assert [(line["iri"], line["validity"]) for line in lines] == [
        (row["iri"], row["validity_text"]) for row in data["agreements"]
    ]
    assert [int(line["projects"]) for line in lines] == [
        row["project_count"] for row in data["agreements"]
    ]


def test_matrix_csv() -> None:
    done = samverkan("--format", "csv", "--table", "matrix", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = list(csv.DictReader(io.StringIO(done.stdout)))
    assert tuple(lines[0]) == MATRIX_COLUMNS
    assert len(lines) % 17 == 0
    assert {line["level"] for line in lines} == {"agreement", "area"}


def test_other_data(tmp_path: Path) -> None:
    data = tmp_path / "small.ttl"
    data.write_text(
        "@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://example.org/n> a skg:Network ; rdfs:label "Nätet"@sv .\n',
        encoding="utf-8",
    )
    done = samverkan("--data", str(data), "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["agreements"]
    assert [(r["label"], r["kind"]) for r in rows] == [("Nätet", "network")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--data", "no-such-file.ttl"], "no such file"),
        (["--svg", "/no/such/folder/m.svg"], "no such directory"),
        (["--lang", "de"], "'de' is not one of"),
        (["--format", "xml"], "'xml' is not one of"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], message: str) -> None:
    done = samverkan(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    done = samverkan("--data", str(bad))
    assert done.returncode == 2
    assert f"{bad}:2" in done.stderr
    assert "Traceback" not in done.stderr
