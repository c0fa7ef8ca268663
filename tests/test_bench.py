"""The benchmark's smoke test: bench/run.py at 1e4 triples end to end, and synth's graphs conform.

Figures come from ``bench/run.py`` itself (ratios against references in the same run), not
from here: this only checks that the benchmark runs and that what it measures is valid.
"""

import io
import shutil
import subprocess
import sys
from pathlib import Path

import virtuoso_server
from locations import REPO, on_ci

from service.loading.validation import validate_files, with_ontology

sys.path.insert(0, str(REPO / "bench"))
import synth


def test_synthetic_graphs_conform_to_the_shapes(tmp_path: Path) -> None:
    out = io.StringIO()
    synth.generate(3_000, 7, out)
    path = tmp_path / "synth.ttl"
    path.write_text(out.getvalue(), encoding="utf-8")
    report = validate_files(with_ontology([path]))
    assert report.conforms, report.to_text()
    again = io.StringIO()
    synth.generate(3_000, 7, again)
    assert again.getvalue() == out.getvalue()  # seeded: the same graph every time


def test_the_benchmark_runs_at_1e4(tmp_path: Path) -> None:
    output = tmp_path / "results.md"
    done = subprocess.run(
        [
            sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "1e4", "--no-curated",
            "--seconds", "0.5", "--repeat", "1", "--output", str(output), "--virtuoso-at", "1e4",
        ],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    table = output.read_text(encoding="utf-8")
    for measure in ("ready reopened", "HTTP 2-hop join count", "memory (PSS)", "saved questions"):
        assert f"| {measure} |" in table
    if shutil.which(virtuoso_server.PROGRAM) or on_ci():  # CI installs it: measured there
        for measure in ("load --endpoint", "ready reopened", "HTTP 2-hop join count"):
            assert f"| Virtuoso: {measure} |" in table


def test_the_page_benchmark_runs_at_1e4(tmp_path: Path) -> None:
    """bench/page_speed.py (not pages.py: a module named pages on the path would hide the
    tests/pages folder) serves a synth graph and times each page kind; its table goes between
    its markers in the results file, leaving the rest as it was."""
    output = tmp_path / "results.md"
    output.write_text("# Benchmark results\n\nrun.py's table\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "page_speed.py"), "--sizes", "1e4", "--requests", "2",
         "--output", str(output)],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results\n\nrun.py's table\n")
    for kind in ("resource page", "listing, first page", "listing, a deep page", "search",
                 "listing filtered by name", "facet counts (two facets chosen)"):  # fmt: skip
        row = next(line for line in text.splitlines() if f"| {kind} |" in line)
        assert "| 200 |" in row, row
