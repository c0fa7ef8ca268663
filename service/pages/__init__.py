"""HTML pages: one Jinja2 environment and the static assets, shared by every page."""

from pathlib import Path

from typing import Any

from fastapi import Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

PAGES_DIR = Path(__file__).resolve().parent


def _mount(request: Request) -> dict[str, Any]:
    """``root``: the path the app is mounted at, so that every link in a page honours it."""
    return {"root": request.scope.get("root_path", "").rstrip("/")}


templates = Jinja2Templates(directory=PAGES_DIR / "templates", context_processors=[_mount])


def static_files() -> StaticFiles:
    """Assets served under /static (all local: the pages work with no internet)."""
    return StaticFiles(directory=PAGES_DIR / "static")
