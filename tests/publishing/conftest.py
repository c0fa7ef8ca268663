"""What the publishing tests share: the fictitious partnership and the command."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from live import clean_environment

SAMVERKAN = Path(sys.executable).with_name("samverkan")
#: A made-up partnership, kept out of data/: the template's own test case.
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "testpartnerskap"


def samverkan(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``samverkan *args`` as a subprocess (no SAMVERKAN_* settings from outside)."""
    return subprocess.run(
        [str(SAMVERKAN), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=clean_environment(env),
    )


def partnership_folder(target: Path) -> Path:
    """The fixture, copied to ``target`` (tests may change their copy)."""
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="session")
def partnership(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictitious partnership's filled template (CSV files), ready to import."""
    return partnership_folder(tmp_path_factory.mktemp("template") / "testpartnerskap")


#: The live service a static site links to for what cannot be static.
SERVICE = "https://service.example.org/samverkan"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``samverkan site`` on the curated graph, once per session (``dct:modified`` fixed)."""
    target = tmp_path_factory.mktemp("site") / "site"
    result = samverkan(
        "site", str(target), "--service", SERVICE, env={"SOURCE_DATE_EPOCH": "1767225600"}
    )
    assert result.returncode == 0, result.stderr
    return target
