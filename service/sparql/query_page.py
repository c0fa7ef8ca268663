"""The query page at ``/``: the SPARQL editor, with the saved questions as examples.

``/?query=TEXT`` opens the editor with that query (the page puts it in the address when a
query runs, so the address is a link to share); ``/?example=NAME`` opens a saved question.
"""

import json

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from ..deps import LangDep, SettingsDep, StoreDep
from ..i18n import LABEL_PREDICATES
from ..links import OUTSIDE_PATHS
from ..model import registry, values_block
from ..namespaces import OWL, PREFIXES, QUERY_PREFIXES, RDF
from ..pages import chosen_language, templates
from ..questions.library import LibraryError, load_library
from ..store.base import Store
from ..words import words_table

router = APIRouter()


#: Prefixes the starting query declares: the few it uses and those most queries want.
_STARTER_PREFIXES = ("skg", "id", "org", "rdfs", "skos", "dct", "sdg")


def _default_query() -> str:
    """A first query that answers something: the partnerships (every kind the registry
    knows) and their members."""
    prefixes = "\n".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in _STARTER_PREFIXES)
    return (
        f"{prefixes}\n\n"
        "SELECT ?partnership ?member\nWHERE {\n"
        f"  {values_block('kind', registry().partnerships)}\n"
        "  ?partnership a ?kind ;\n"
        "               org:hasMember ?member .\n"
        "}\nORDER BY ?partnership ?member\n"
    )


#: The words query.js shows (the rest of the [query] words are for the templates).
_SCRIPT_WORDS = (
    "rows", "download", "error", "yes", "no", "copied", "copy_failed", "filter", "page",
    "previous", "next", "shown_rows", "sort", "capped", "cap", "chart_bars", "chart_timeline",
    "chart_network", "chart_none", "view_table", "view_chart",
)  # fmt: skip


def _terms(store: Store) -> dict[str, list[str]]:
    """Classes and properties of the graph, for the editor's completion (no remote service)."""
    classes = store.select(
        f"SELECT DISTINCT ?t WHERE {{ {{ ?t a {OWL.Class.n3()} }} UNION {{ ?s a ?t }} "
        "FILTER(isIRI(?t)) }"
    ).rows
    properties = store.select(
        f"SELECT DISTINCT ?t WHERE {{ {{ ?t a {OWL.ObjectProperty.n3()} }} UNION "
        f"{{ ?t a {OWL.DatatypeProperty.n3()} }} UNION {{ ?s ?t ?o }} FILTER(isIRI(?t)) }}"
    ).rows
    return {
        "classes": sorted(str(row["t"]) for row in classes),
        "properties": sorted({str(row["t"]) for row in properties} | {str(RDF.type)}),
    }


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def query_page(
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
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
        "outside": OUTSIDE_PATHS,  # the UN's goals have pages here (/sdg/13)
        "root": root,
        "prefixes": PREFIXES,
        # the prefixes the editor declares as you type them (YASQE's prefix completion)
        "queryPrefixes": QUERY_PREFIXES,
        **_terms(store),
        "lang": lang,
        "langChosen": chosen_language(request),
        "maxRows": settings.max_rows,
        "example": example or "",
        "shared": text is not None,
        "labelPredicates": [str(p) for p in LABEL_PREDICATES],
        "words": {k: words_table(lang, "query")[k] for k in _SCRIPT_WORDS},
    }
    return templates.TemplateResponse(
        request,
        "query.html",
        {
            "lang": lang,
            "words": words_table(lang, "query"),
            "query_text": text or _default_query(),
            "shared": text is not None,
            # "<" escaped so no text in the config can close the <script> element
            "config_json": json.dumps(config).replace("<", "\\u003c"),
        },
        headers={"Vary": "Accept-Language"},
    )
