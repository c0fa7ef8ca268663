"""What the publishing tests share: the fictitious partnership, the command, the site's
live service (a plain module: test modules import it, never a conftest)."""

import shutil
import subprocess
import sys
from pathlib import Path

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


#: The live service a static site links to for what cannot be static.
SERVICE = "https://service.example.org/samverkan"
