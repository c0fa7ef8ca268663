"""What the publishing tests share: the fictitious partnership and the command."""

from pathlib import Path

import pytest
from live import samverkan
from publishing_support import SERVICE, partnership_folder


@pytest.fixture(scope="session")
def partnership(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictitious partnership's filled template (CSV files), ready to import."""
    return partnership_folder(tmp_path_factory.mktemp("template") / "testpartnerskap")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``samverkan site`` on the curated graph, once per session (``dct:modified`` fixed)."""
    target = tmp_path_factory.mktemp("site") / "site"
    result = samverkan(
        "site", str(target), "--service", SERVICE, env={"SOURCE_DATE_EPOCH": "1767225600"}
    )
    assert result.returncode == 0, result.stderr
    return target
