"""What the publishing tests share: the fictitious partnership and the command."""

from pathlib import Path

import pytest
from publishing_support import partnership_folder


@pytest.fixture(scope="session")
def partnership(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictitious partnership's filled template (CSV files), ready to import."""
    return partnership_folder(tmp_path_factory.mktemp("template") / "testpartnerskap")
