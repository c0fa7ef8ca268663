"""HTML pages: one Jinja2 environment and the static assets, shared by every page."""

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..i18n import LANGUAGES, as_lang
from ..words import say, template_say

PAGES_DIR = Path(__file__).resolve().parent


def chosen_language(request: Request) -> str | None:
    """The language the reader chose with ``?lang=`` (None when the browser's is used)."""
    return as_lang(request.query_params.get("lang"))


def language_keeper(chosen: str | None) -> Callable[[str | None], str | None]:
    """``with_lang(href)``: a link on this service that keeps the reader's ``?lang=`` choice.

    The language rule is the same on every page (``?lang=``, then Accept-Language, see
    service.i18n); a choice made with ``?lang=`` is carried on every local link so the next
    page keeps it. Links elsewhere, and pages where no choice was made, are left alone.
    """

    def with_lang(href: str | None) -> str | None:
        if not href or chosen is None or not href.startswith("/") or href.startswith("//"):
            return href
        parts = urlsplit(href)
        if any(p.split("=", 1)[0] == "lang" for p in parts.query.split("&") if p):
            return href
        path, _, fragment = href.partition("#")
        joined = f"{path}{'&' if parts.query else '?'}lang={chosen}"
        return f"{joined}#{fragment}" if fragment else joined

    return with_lang


def page_globals(root: str, chosen: str | None, search_query: str = "") -> dict[str, Any]:
    """What every page's frame needs: ``root``, the path the app is mounted at (every link
    honours it); ``with_lang``, which keeps a ``?lang=`` choice on local links; the chosen
    language; and the text in the header's search box."""
    return {
        "root": root,
        "with_lang": language_keeper(chosen),
        "chosen_lang": chosen,
        "search_query": search_query,
    }


def _mount(request: Request) -> dict[str, Any]:
    searching = request.url.path.endswith("/search")
    return page_globals(
        request.scope.get("root_path", "").rstrip("/"),
        chosen_language(request),
        request.query_params.get("q", "") if searching else "",
    )


templates = Jinja2Templates(directory=PAGES_DIR / "templates", context_processors=[_mount])
#: ``t("table.key")``: a word of the catalogue in the page's language (service.words).
templates.env.globals["t"] = template_say
#: ``say(lang, key)`` for a word in another language (a link to it), and the languages.
templates.env.globals["say"] = say
templates.env.globals["languages"] = LANGUAGES


def static_files() -> StaticFiles:
    """Assets served under /static (all local: the pages work with no internet)."""
    return StaticFiles(directory=PAGES_DIR / "static")
