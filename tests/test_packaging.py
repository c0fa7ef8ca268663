"""A plain (non-editable) install carries the graph's files, so `samverkan` works anywhere."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from live import clean_environment
from locations import REPO

ROOT = REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (built,) = out.glob("samverkan_kg-*.whl")
    return built


def test_wheel_carries_ontology_data_shapes_and_queries(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("ontology", "data", "shapes", "queries"):
        expected = {
            f"service/graph/{folder}/{p.name}" for p in (ROOT / folder).iterdir() if p.is_file()
        }
        assert expected and expected <= names, folder
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_cli_validates_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    env = clean_environment({"PYTHONPATH": str(target)})
    result = subprocess.run(
        [sys.executable, "-c", "from service.cli import main; main()", "validate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    located = subprocess.run(
        [sys.executable, "-c", "from service.paths import graph_root; print(graph_root())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(located.stdout.strip()) == target / "service" / "graph"


def test_installed_service_reads_the_checkout_it_runs_in(wheel: Path, tmp_path: Path) -> None:
    """Issue 11, defect 7: after `pip install .` an edit in the checkout is served on restart."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True,
    )  # fmt: skip
    checkout = tmp_path / "checkout"
    for folder in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / folder, checkout / folder)
    # an edit (a new label on a project) and a new saved question
    edit = checkout / "data" / "edit.ttl"
    edit.write_text(
        "<https://w3id.org/samverkan-kg/project/ulf> <http://www.w3.org/2000/01/rdf-schema#label>"
        ' "Redigerad etikett"@sv .\n',
        encoding="utf-8",
    )
    question = (ROOT / "queries" / "classes-and-counts.rq").read_text(encoding="utf-8")
    (checkout / "queries" / "my-new-question.rq").write_text(question, encoding="utf-8")
    env = clean_environment({"PYTHONPATH": str(target)})
    run = [sys.executable, "-c", "from service.cli import main; main()"]
    listed = subprocess.run(
        [*run, "query", "--list", "--format", "json"],
        cwd=checkout, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert "my-new-question" in listed.stdout
    label = subprocess.run(
        [*run, "query", "--sparql", "SELECT ?l WHERE { <https://w3id.org/samverkan-kg/project/ulf>"
         " <http://www.w3.org/2000/01/rdf-schema#label> ?l }", "--format", "csv"],
        cwd=checkout, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert label.returncode == 0, label.stderr
    assert "Redigerad etikett" in label.stdout
    # elsewhere, the installed copy is read; SAMVERKAN_GRAPH_ROOT names a checkout from anywhere
    where = [*run[:2], "from service.paths import graph_root; print(graph_root())"]
    outside = subprocess.run(where, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert Path(outside.stdout.strip()) == target / "service" / "graph"
    named = subprocess.run(
        where, cwd=tmp_path, env={**env, "SAMVERKAN_GRAPH_ROOT": str(checkout)},
        capture_output=True, text=True,
    )  # fmt: skip
    assert Path(named.stdout.strip()) == checkout
