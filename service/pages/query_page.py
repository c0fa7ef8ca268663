"""The query page at ``/``: the SPARQL editor, with the saved questions as examples."""

import json

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from ..deps import LangDep, SettingsDep
from ..i18n import LABEL_PREDICATES
from ..namespaces import PREFIXES
from ..questions.library import LibraryError, load_library
from . import templates
from .words import WORDS

router = APIRouter()


#: Prefixes the starting query declares: the few it uses and those most queries want.
_STARTER_PREFIXES = ("skg", "id", "org", "rdfs", "skos", "dct", "sdg")


def _default_query() -> str:
    """A first query that answers something: the partnerships and their members."""
    prefixes = "\n".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in _STARTER_PREFIXES)
    return (
        f"{prefixes}\n\n"
        "SELECT ?partnership ?member\nWHERE {\n"
        "  VALUES ?kind { skg:Partnership skg:Network }\n"
        "  ?partnership a ?kind ;\n"
        "               org:hasMember ?member .\n"
        "}\nORDER BY ?partnership ?member\n"
    )


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def query_page(
    request: Request,
    settings: SettingsDep,
    lang: LangDep,
    query: str | None = None,
    example: str | None = None,
) -> Response:
    """The SPARQL editor with the saved questions as examples."""
    text = query
    if text is None and example:
        try:
            found = load_library(settings.queries_dir).get(example)
        except LibraryError:  # the page still works; /queries says what is broken
            found = None
        text = found.sparql if found else None
    root = request.scope.get("root_path", "").rstrip("/")
    config = {
        "endpoint": f"{root}/sparql",
        "queries": f"{root}/queries",
        "base": settings.base_iri,
        "root": root,
        "prefixes": PREFIXES,
        "lang": lang,
        "example": example or "",
        "labelPredicates": [str(p) for p in LABEL_PREDICATES],
        "words": {k: WORDS[lang][k] for k in ("rows", "download", "error", "yes", "no")},
    }
    return templates.TemplateResponse(
        request,
        "query.html",
        {
            "lang": lang,
            "words": WORDS[lang],
            "query_text": text or _default_query(),
            # "<" escaped so no text in the config can close the <script> element
            "config_json": json.dumps(config).replace("<", "\\u003c"),
        },
        headers={"Vary": "Accept-Language"},
    )
