"""HTML pages: one Jinja2 environment and the static assets, shared by every page."""

from pathlib import Path

from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

PAGES_DIR = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=PAGES_DIR / "templates")


def static_files() -> StaticFiles:
    """Assets served under /static (all local: the pages work with no internet)."""
    return StaticFiles(directory=PAGES_DIR / "static")
