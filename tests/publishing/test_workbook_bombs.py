"""Workbook bombs: a declared size, a far column or too many cells cannot exhaust memory.

A 2 kB workbook declaring ``<dimension ref="A1:XFD6000"/>`` padded each row to 16,384 cells
(over 1 GiB); now the declared size is ignored, rows and cells are capped, and the error
says which cap was hit.
"""

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from live import clean_environment

from service.publishing import workbook
from service.publishing.workbook import WorkbookError, read_xlsx_bytes


def xlsx(rows: list[list[object]], dimension: str | None = None) -> bytes:
    """A one-sheet workbook ("Projekt") holding ``rows``, its declared size rewritten."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Projekt"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as to:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
            to.writestr(item, data)
    return out.getvalue()


ROWS = [["Namn"]] + [["x"]] * 5_999
BOMB = xlsx(ROWS, dimension="A1:XFD6000")


def peak_rss_mib(code: str) -> tuple[float, str]:
    """Run Python ``code`` in a fresh process; its peak resident memory (MiB) and stderr."""
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stderr=subprocess.PIPE,
        text=True,
        env=clean_environment(),
    )
    _, status, usage = os.wait4(process.pid, 0)
    assert process.stderr is not None
    errors = process.stderr.read()
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0, errors
    return usage.ru_maxrss / 1024, errors


def test_a_declared_dimension_is_ignored(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(BOMB)
    assert len(BOMB) < 50_000  # 36 kB: unpacked, 6,000 one-cell rows
    code = (
        "from pathlib import Path\n"
        "from service.publishing.workbook import read_xlsx_bytes\n"
        f"p = Path({str(bomb)!r})\n"
        "tables = read_xlsx_bytes(p.read_bytes(), p)\n"
        f"assert tables['Projekt'] == {ROWS!r}, tables['Projekt'][:2]\n"
    )
    peak, _ = peak_rss_mib(code)
    baseline, _ = peak_rss_mib(
        code.replace(
            "tables = read_xlsx_bytes", f"tables = {{'Projekt': {ROWS!r}}} or read_xlsx_bytes"
        )
    )
    assert peak - baseline < 50, f"reading a 36 kB workbook took {peak - baseline:.0f} MiB"


def test_a_far_column_is_refused_saying_so() -> None:
    far = [["Namn"], ["x", *([None] * 16_000), "far"]]
    with pytest.raises(WorkbookError, match=f"row 2 has more than {workbook.MAX_COLUMNS} columns"):
        read_xlsx_bytes(xlsx(far), Path("far.xlsx"))


def test_too_many_cells_are_refused_saying_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_CELLS", 1_000)
    wide = [[f"c{i}" for i in range(100)] for _ in range(11)]
    with pytest.raises(WorkbookError, match="Projekt: more than 1000 cells"):
        read_xlsx_bytes(xlsx(wide), Path("wide.xlsx"))


def test_validate_answers_the_bomb_quickly(curated_client: TestClient) -> None:
    answer = curated_client.post(
        "/validate?alone=true",
        content=BOMB,
        headers={"Content-Type": workbook_type()},
    )
    assert answer.status_code in (200, 400), answer.text[:300]
    assert "not an XLSX workbook" not in answer.text


def workbook_type() -> str:
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
