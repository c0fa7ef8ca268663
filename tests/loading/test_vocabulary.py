"""Unknown terms in the project's vocabulary: said as such, with the term probably meant."""

import json
import shutil
from pathlib import Path

from locations import REPO
from test_validate_cli import samverkan


def _data_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of data/ with the first ``old`` in linkoping.ttl replaced by ``new``."""
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    file = folder / "linkoping.ttl"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_a_misspelt_property_is_an_unknown_property_with_a_suggestion(tmp_path: Path) -> None:
    folder = _data_with(tmp_path, "    skg:sdg sdg:5", "    skg:sgd sdg:5")
    result = samverkan(folder)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if "sgd" in line]
    assert lines == [
        f"{folder / 'linkoping.ttl'}: Violation: https://w3id.org/samverkan-kg/ontology#sgd: "
        "unknown property skg:sgd — did you mean skg:sdg?"
    ]
    assert "has no rdf:type" not in result.stdout
    # The activity whose goals were misspelt away still says its source names goals.
    assert "does not agree with the goals recorded" in result.stdout
    assert result.stdout.strip().endswith("does not conform: 2 violation(s), 0 warning(s)")


def test_a_misspelt_class_is_an_unknown_class(tmp_path: Path) -> None:
    folder = _data_with(tmp_path, "a skg:Project", "a skg:Projekt")
    result = samverkan(folder, "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    unknown = [r for r in report["results"] if r["constraint"] == "UnknownTermConstraint"]
    assert [r["message"] for r in unknown] == [
        "unknown class skg:Projekt — did you mean skg:Project?"
    ]
    assert unknown[0]["file"] == str(folder / "linkoping.ttl")


def test_a_term_with_nothing_close_gets_no_guess(tmp_path: Path) -> None:
    folder = _data_with(tmp_path, "    skg:sdg sdg:5", "    skg:zzzqqq sdg:5")
    result = samverkan(folder)
    assert result.returncode == 1
    assert "unknown property skg:zzzqqq\n" in result.stdout + "\n"
