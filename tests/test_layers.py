"""The layers of ARCHITECTURE.md hold: import-linter's contracts (as .ci/run checks them) and
the package graph scripts/import_graph.py prints, which has no circle."""

import subprocess
import sys
from pathlib import Path

from live import clean_environment
from locations import REPO

BIN = Path(sys.executable).parent


def test_the_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=clean_environment(),
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_the_package_graph_has_no_circle() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "import_graph.py")],
        capture_output=True,
        text=True,
        env=clean_environment(),
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "circle: none"
    # Store and loading import neither each other nor anything above them.
    edges = dict(line.strip().split(" -> ") for line in lines if " -> " in line)
    assert not set(edges["store"].split(", ")) & {"loading", "build", "app", "cli"}
    assert not set(edges["loading"].split(", ")) & {"store", "build", "app", "cli"}
