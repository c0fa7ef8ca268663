"""A plain (non-editable) install carries the graph's files, so `samverkan` works anywhere."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
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
    env = {**os.environ, "PYTHONPATH": str(target)}
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
