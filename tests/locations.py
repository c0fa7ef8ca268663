"""Where things are, declared once for every test module, and what a missing one means."""

import os
from pathlib import Path

import pytest

#: The repository's root.
REPO = Path(__file__).resolve().parents[1]
#: The shared folder beside the repository (sources, the UN SDG scheme, W3C test suites);
#: ``SHARED_DIR`` names it elsewhere (a worktree kept in a folder of its own).
SHARED = Path(os.environ.get("SHARED_DIR") or REPO.parent / "shared")
#: The invalid (and one valid) graphs each shape is tested on.
SHAPE_FIXTURES = REPO / "tests" / "fixtures" / "shapes"
#: The live service the session's static site (the ``site`` fixture) links to.
SITE_SERVICE = "https://service.example.org/samverkan"

_TRUE = {"1", "true", "yes", "on"}


def on_ci(variables: tuple[str, ...] = ("CI",)) -> bool:
    """Whether one of ``variables`` is set to a true value (``true``, ``1``, ``yes``, ``on``)."""
    return any(os.environ.get(name, "").strip().lower() in _TRUE for name in variables)


def require_shared(path: Path) -> Path:
    """``path`` (a file or folder under ``../shared``), or a skip saying it is absent.

    Under ``CI=true`` an absent one fails instead: the tests that read the sources are the
    oracle of the saved questions and the comparison, so CI must not pass by skipping them.
    """
    if not path.exists():
        reason = f"{path} is absent (shared test data lives beside the repository)"
        if on_ci():
            pytest.fail(f"{reason}; under CI=true the tests that read it must run", pytrace=False)
        pytest.skip(reason)
    return path
