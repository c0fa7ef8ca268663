"""`samverkan validate` as a subprocess: exit codes, the report, JSON, errors on one line."""

import json
import re
import subprocess
from pathlib import Path

import live
from locations import REPO

ROOT = REPO
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
CONTEXT = FIXTURES / "valid" / "context.ttl"


def samverkan(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return live.samverkan("validate", *args)


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def test_the_curated_graph_conforms() -> None:
    result = samverkan()
    assert result.returncode == 0, result.stdout + result.stderr
    verdict = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"conforms: 0 violation\(s\), \d+ warning\(s\)", verdict), verdict


def test_an_invalid_file_exits_1_and_names_the_focus_node_and_file() -> None:
    fixture = FIXTURES / "ProjectSdgWithinAreaRule.ttl"
    result = samverkan(CONTEXT, fixture)
    assert result.returncode == 1, result.stdout + result.stderr
    (line,) = [line for line in result.stdout.splitlines() if "Violation" in line]
    assert line.startswith(f"{fixture}: Violation: ")
    assert "https://w3id.org/samverkan-kg/project/test-projekt" in line
    assert line.endswith("(value: sdg:4)")  # the SDG the area does not list, compacted
    assert result.stdout.strip().endswith("does not conform: 1 violation(s), 0 warning(s)")


def test_json_output_parses_and_has_the_expected_keys() -> None:
    fixture = FIXTURES / "RoleShape.ttl"
    result = samverkan("--format", "json", CONTEXT, fixture)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert {"conforms", "violations", "warnings", "results"} <= set(report)
    assert report["conforms"] is False and report["violations"] == 1
    (finding,) = report["results"]
    assert {"severity", "focus_node", "path", "message", "constraint", "file"} <= set(finding)
    assert finding["focus_node"] == "https://w3id.org/samverkan-kg/role/test-oanvand"
    assert finding["constraint"] == "MinCountConstraintComponent"
    assert finding["file"] == str(fixture)


def test_warnings_alone_exit_0() -> None:
    result = samverkan("--format", "json", CONTEXT, FIXTURES / "LabelShape--no-english.ttl")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["conforms"] is True and report["warnings"] == 1
    assert [r["severity"] for r in report["results"]] == ["Warning"]


def test_a_folder_is_validated_file_by_file() -> None:
    result = samverkan(FIXTURES / "valid")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "conforms: 0 violation(s), 0 warning(s)"


def test_a_syntax_error_exits_2_with_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix ex: <http://example.org/> .\n\nex:a ex:b ex:c ;\n    ex:d .\n", encoding="utf-8"
    )
    result = samverkan(broken)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"{broken}:4: "), line
    assert_no_traceback(result)


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.ttl"
    result = samverkan(CONTEXT, missing)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{missing}: no such file or folder"
    assert_no_traceback(result)


def test_an_unknown_extension_exits_2(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not RDF\n", encoding="utf-8")
    result = samverkan(notes)
    assert result.returncode == 2
    assert str(notes) in result.stderr and "unknown RDF file extension" in result.stderr
    assert_no_traceback(result)


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "A thing needs a name."@en ] .
"""


def test_other_shapes_replace_the_project_shapes(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    data = tmp_path / "things.ttl"
    data.write_text("@prefix ex: <http://example.org/> .\nex:one a ex:Thing .\n", encoding="utf-8")
    result = samverkan("--shapes", shapes, "--format", "json", data)
    assert result.returncode == 1, result.stdout + result.stderr
    (finding,) = json.loads(result.stdout)["results"]
    assert finding["focus_node"] == "http://example.org/one"
    assert finding["message"] == "A thing needs a name."
    assert finding["file"] == str(data)


def test_unreadable_shapes_exit_2(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES.replace("sh:minCount 1 ;", "sh:minCount 1 "), encoding="utf-8")
    result = samverkan("--shapes", shapes, CONTEXT)
    assert result.returncode == 2
    assert re.match(rf"{re.escape(str(shapes))}:\d+: ", result.stderr)
    assert_no_traceback(result)


def test_help_says_the_ontology_is_added() -> None:
    result = samverkan("--help")
    assert result.returncode == 0
    assert "ontology added" in " ".join(result.stdout.split())
