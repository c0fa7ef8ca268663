"""The query page at ``/`` and the saved questions at ``/queries`` and ``/queries/{name}``."""

import json
from typing import Any, Final
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from rdflib import Graph

from .deps import SettingsDep, StoreDep
from .describe import LABEL_PREDICATES
from .namespaces import PREFIXES
from .pages import templates
from .queries import LibraryError, ParameterError, SavedQuery, load_library
from .query_views import WORDS, Table, graph_table, solutions_table
from .resource_view import choose_language, local_href
from .settings import Settings
from .sparql import negotiation as mt
from .sparql.results import negotiated_response
from .store.base import SelectResult

router = APIRouter()

#: What a list of questions can be had as; JSON first, so API clients and `*/*` get JSON.
LIST_TYPES: Final = (mt.JSON, mt.HTML)
#: The data formats of each query form; HTML is offered after them (see _result_types).
FORM_TYPES: Final[dict[str, tuple[str, ...]]] = {
    "SELECT": mt.SOLUTION_TYPES,
    "ASK": mt.BOOLEAN_TYPES,
    "CONSTRUCT": mt.GRAPH_TYPES,
    "DESCRIBE": mt.GRAPH_TYPES,
}
#: Query-string names that are not question parameters.
CONTROL_NAMES: Final = frozenset({"format", "lang"})
#: Most rows drawn in an HTML table; downloads carry them all.
HTML_ROW_LIMIT: Final = 1000
VARY: Final = "Accept, Accept-Language"


def _text(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message, status_code=status, headers={"Vary": VARY})


def _not_acceptable(error: mt.NotAcceptable) -> PlainTextResponse:
    return _text(406, f"Not acceptable: {error}")


def _library(settings: Settings) -> dict[str, SavedQuery]:
    return load_library(settings.queries_dir)


def _lang(request: Request) -> str:
    return choose_language(request.query_params.get("lang"), request.headers.get("accept-language"))


def _short_format(media_type: str) -> str:
    return next(k for k, v in mt.FORMAT_ALIASES.items() if v == media_type)


def _describe(request: Request, query: SavedQuery) -> dict[str, Any]:
    run = str(request.url_for("run_saved_query", name=query.name))
    return {
        "name": query.name,
        "form": query.form,
        "title": query.titles,
        "description": query.descriptions,
        "params": [
            {
                "name": p.name,
                "type": p.type,
                "description": p.description,
                "default": p.default,
                "required": p.required,
            }
            for p in query.params
        ],
        "links": {
            "self": run,
            "sparql": run + ".rq",
            "html": run + "?format=html",
            **{
                _short_format(t): f"{run}?format={_short_format(t)}" for t in FORM_TYPES[query.form]
            },
        },
    }


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
    request: Request, settings: SettingsDep, query: str | None = None, example: str | None = None
) -> Response:
    """The SPARQL editor with the saved questions as examples."""
    lang = _lang(request)
    text = query
    if text is None and example:
        try:
            found = _library(settings).get(example)
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


@router.get("/queries", name="list_queries")
def list_queries(request: Request, settings: SettingsDep, format: str | None = None) -> Response:
    """The saved questions: JSON for programs, a page for browsers."""
    try:
        media_type = mt.choose(LIST_TYPES, request.headers.get("accept"), format)
    except mt.NotAcceptable as error:
        return _not_acceptable(error)
    try:
        library = _library(settings)
    except LibraryError as error:
        return _text(500, f"The saved-question library is broken: {error}")
    if media_type == mt.JSON:
        body = [_describe(request, q) for q in library.values()]
        return JSONResponse(body, headers={"Vary": VARY})
    lang = _lang(request)
    return templates.TemplateResponse(
        request,
        "queries.html",
        {"lang": lang, "words": WORDS[lang], "queries": list(library.values())},
        headers={"Vary": VARY},
    )


def _values(request: Request) -> dict[str, str]:
    values: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in CONTROL_NAMES:
            continue
        if key in values:
            raise ParameterError(f"parameter {key} given more than once")
        values[key] = value
    return values


def _download_links(query: SavedQuery, values: dict[str, str]) -> list[tuple[str, str]]:
    links = []
    for media_type in FORM_TYPES[query.form]:
        short = _short_format(media_type)
        links.append((short.upper(), "?" + urlencode({**values, "format": short})))
    return links


def _question_page(
    request: Request,
    query: SavedQuery,
    values: dict[str, str],
    lang: str,
    status: int = 200,
    error: str | None = None,
    table: Table | None = None,
    answer: bool | None = None,
) -> Response:
    shown = {p.name: values.get(p.name, p.default or "") for p in query.params}
    return templates.TemplateResponse(
        request,
        "question.html",
        {
            "lang": lang,
            "words": WORDS[lang],
            "query": query,
            "values": shown,
            "error": error,
            "table": table,
            "answer": answer,
            "limit": HTML_ROW_LIMIT,
            "downloads": _download_links(query, values) if error is None else [],
            "switch_href": "?" + urlencode({**values, "lang": WORDS[lang]["other"]}),
        },
        status_code=status,
        headers={"Vary": VARY},
    )


@router.get("/queries/{name}", name="run_saved_query")
def run_saved_query(
    request: Request, name: str, store: StoreDep, settings: SettingsDep
) -> Response:
    """Run a saved question with the parameters in the query string."""
    format_param = request.query_params.get("format")
    as_text = name.endswith(".rq") or (format_param or "").lower() in ("sparql", "rq")
    try:
        library = _library(settings)
    except LibraryError as error:
        return _text(500, f"The saved-question library is broken: {error}")
    query = library.get(name.removesuffix(".rq"))
    if query is None:
        return _text(404, f"No saved question named {name!r}; see /queries for the list.")
    if as_text:
        return Response(query.sparql, media_type=f"{mt.SPARQL_QUERY}; charset=utf-8")
    try:
        media_type = mt.choose(
            (*FORM_TYPES[query.form], mt.HTML), request.headers.get("accept"), format_param
        )
    except mt.NotAcceptable as error:
        return _not_acceptable(error)
    lang = _lang(request)
    try:
        values = _values(request)
        result = query.run(store, values)
    except ParameterError as error:
        if media_type == mt.HTML:
            return _question_page(request, query, dict(request.query_params), lang, 400, str(error))
        return _text(400, f"Bad parameter: {error}")
    if media_type != mt.HTML:
        return negotiated_response(result, request.headers.get("accept"), format_param)
    local = local_href(settings.base_iri, request.scope.get("root_path", ""))
    if isinstance(result, SelectResult):
        table = solutions_table(store, result, lang, local, HTML_ROW_LIMIT)
        return _question_page(request, query, values, lang, table=table)
    if isinstance(result, Graph):
        table = graph_table(store, result, lang, local, HTML_ROW_LIMIT)
        return _question_page(request, query, values, lang, table=table)
    return _question_page(request, query, values, lang, answer=result)
