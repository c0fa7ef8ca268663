"""Where things are, declared once for every test module."""

import os
from pathlib import Path

#: The repository's root.
REPO = Path(__file__).resolve().parents[1]
#: The shared folder beside the repository (sources, the UN SDG scheme, W3C test suites).
#: ``SAMVERKAN_SHARED`` names it elsewhere (a worktree whose parent has no ``shared``).
SHARED = Path(os.environ.get("SAMVERKAN_SHARED") or REPO.parent / "shared")
#: The invalid (and one valid) graphs each shape is tested on.
SHAPE_FIXTURES = REPO / "tests" / "fixtures" / "shapes"
