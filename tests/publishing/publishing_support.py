"""What the publishing tests share: the fictitious partnership and the site's
live service (a plain module: test modules import it, never a conftest)."""

import shutil
from pathlib import Path

#: A made-up partnership, kept out of data/: the template's own test case.
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "testpartnerskap"


def partnership_folder(target: Path) -> Path:
    """The fixture, copied to ``target`` (tests may change their copy)."""
    shutil.copytree(FIXTURE, target)
    return target


#: The live service a static site links to for what cannot be static.
