"""The saved questions at ``/queries`` and ``/queries/{name}``: JSON, pages, any result format.

``?labels=true`` adds a label column ``x_label`` beside each IRI column ``x`` of a SELECT
answer (in the language of ``?lang=`` / Accept-Language), for pandas and spreadsheets.
"""

import json
from typing import Any, Final
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from rdflib import Graph

from .. import formats as f
from ..claims import STATED_ONLY, STATED_PARAM, claims, stated_only
from ..deps import LangDep, LinksDep, SettingsDep, StoreDep
from ..negotiation import NotAcceptable, choose
from ..pages import templates
from ..paging import PER_PAGE, BadPage, Paging
from ..serialize import offered_for, serialize
from ..settings import Settings
from ..store.base import (
    QueryUnavailable,
    SelectResult,
    SparqlRequest,
    run_bound_capped,
    truncation_headers,
)
from ..words import words_table
from .library import (
    RESERVED_NAMES,
    LibraryError,
    ParameterError,
    SavedQuery,
    load_library,
    question_json,
)
from .tables import (
    Table,
    graph_table,
    may_show_claims,
    solutions_table,
    spreadsheet_safe,
    with_judgement_column,
    with_label_columns,
)

router = APIRouter(tags=["saved questions"])

#: What a list of questions can be had as; JSON first, so API clients and `*/*` get JSON.
LIST_TYPES: Final = (f.JSON, f.HTML)
VARY: Final = "Accept, Accept-Language"


def _text(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message, status_code=status, headers={"Vary": VARY})


def _not_acceptable(error: NotAcceptable) -> PlainTextResponse:
    return _text(406, f"Not acceptable: {error}")


def _library(settings: Settings) -> dict[str, SavedQuery]:
    return load_library(settings.queries_dir)


def _describe(request: Request, query: SavedQuery) -> dict[str, Any]:
    run = str(request.url_for("run_saved_query", name=query.name))
    return {
        **question_json(query),
        "links": {
            "self": run,
            "sparql": run + ".rq",
            "html": run + "?format=html",
            **{fmt.short: f"{run}?format={fmt.short}" for fmt in f.BY_FORM[query.form]},
        },
    }


@router.get("/queries", name="list_queries")
def list_queries(
    request: Request, settings: SettingsDep, lang: LangDep, format: str | None = None
) -> Response:
    """The saved questions: JSON for programs, a page for browsers."""
    try:
        fmt = choose(LIST_TYPES, request.headers.get("accept"), format)
    except NotAcceptable as error:
        return _not_acceptable(error)
    try:
        library = _library(settings)
    except LibraryError as error:
        return _text(500, f"The saved-question library is broken: {error}")
    if fmt is f.JSON:
        body = [_describe(request, q) for q in library.values()]
        return JSONResponse(body, headers={"Vary": VARY})
    return templates.TemplateResponse(
        request,
        "queries.html",
        {"lang": lang, "words": words_table(lang, "query"), "queries": list(library.values())},
        headers={"Vary": VARY},
    )


def _wants_labels(request: Request) -> bool:
    """``?labels=true``: a label column beside each IRI column (CSV, TSV, JSON, XML)."""
    return (request.query_params.get("labels") or "").lower() in ("1", "true", "yes")


def _values(request: Request) -> dict[str, str]:
    values: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in RESERVED_NAMES:
            continue
        if key in values:
            raise ParameterError(f"parameter {key} given more than once")
        values[key] = value
    return values


def _download_links(
    query: SavedQuery, values: dict[str, str], lang: str, only_stated: bool = False
) -> list[tuple[str, str]]:
    if only_stated:
        values = {**values, STATED_PARAM: STATED_ONLY}
    links = []
    for fmt in f.BY_FORM[query.form]:  # in the page's language, as its table
        links.append(
            (fmt.short.upper(), "?" + urlencode({**values, "format": fmt.short, "lang": lang}))
        )
    if query.form == "SELECT":  # the table with names beside its IRIs, for spreadsheets
        csv_labels = urlencode({**values, "format": f.CSV.short, "labels": "true", "lang": lang})
        links.append((f"{f.CSV.short.upper()} + labels", "?" + csv_labels))
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
    stated: tuple[str, str] | None = None,
    paging: Paging | None = None,
    cut_at: int | None = None,
) -> Response:
    shown = {
        p.name: values.get(p.name) or (lang if p.type == "lang" else p.default or "")
        for p in query.params
    }
    return templates.TemplateResponse(
        request,
        "question.html",
        {
            "lang": lang,
            "words": words_table(lang, "query"),
            "query": query,
            "values": shown,
            "error": error,
            "table": table,
            "answer": answer,
            "paging": paging,
            "nav": paging.nav(lambda n: _page_href(values, lang, paging, n)) if paging else {},
            "browse_words": words_table(lang, "browse"),
            "cut_at": cut_at,
            "downloads": (
                _download_links(query, values, lang, stated is not None and stated[0] == "show_all")
                if error is None
                else []
            ),
            "switch_href": "?" + urlencode({**values, "lang": words_table(lang, "query")["other"]}),
            "stated": stated,
        },
        status_code=status,
        headers={"Vary": VARY},
    )


@router.get("/queries/{name}", name="run_saved_query")
def run_saved_query(
    request: Request,
    name: str,
    store: StoreDep,
    settings: SettingsDep,
    lang: LangDep,
    links: LinksDep,
) -> Response:
    """Run a saved question with the parameters in the query string."""
    format_param = request.query_params.get("format")
    sparql_names = (f.SPARQL_QUERY.short, *f.SPARQL_QUERY.aliases)
    as_text = name.endswith(".rq") or (format_param or "").lower() in sparql_names
    try:
        library = _library(settings)
    except LibraryError as error:
        return _text(500, f"The saved-question library is broken: {error}")
    query = library.get(name.removesuffix(".rq"))
    if query is None:
        return _text(404, f"No saved question named {name!r}; see /queries for the list.")
    if as_text:
        return Response(query.sparql, media_type=f"{f.SPARQL_QUERY.media_type}; charset=utf-8")
    try:
        fmt = choose((*f.BY_FORM[query.form], f.HTML), request.headers.get("accept"), format_param)
    except NotAcceptable as error:
        return _not_acceptable(error)
    try:
        values = _values(request)
        bindings = query.bind(values, lang)
    except ParameterError as error:
        if fmt is f.HTML:
            return _question_page(request, query, dict(request.query_params), lang, 400, str(error))
        return _text(400, f"Bad parameter: {error}")
    # Run in the store's query workers, under their timeout, like any client query.
    labelled = query.form == "SELECT" and _wants_labels(request)
    judged = claims(store)
    marked = query.form == "SELECT" and may_show_claims(judged, query.sparql)
    cap = settings.max_rows
    if fmt is not f.HTML and not labelled and not marked:
        reply = store.sparql(
            SparqlRequest(query.sparql, format=fmt.short, bindings=bindings, max_rows=cap)
        )
        if reply.status != 200:
            return _text(reply.status, reply.body.decode("utf-8", "replace"))
        answer = Response(reply.body, media_type=fmt.content_type, headers={"Vary": "Accept"})
        return _said_cut(answer, cap) if reply.truncated else answer
    try:
        result, truncated = run_bound_capped(store, query.sparql, bindings, cap)
    except QueryUnavailable as error:
        return _text(error.status, error.message)
    only = stated_only(request.query_params)
    if marked:  # the curators' judgement in a column, or (?stated=only) left out
        assert isinstance(result, SelectResult)
        result = with_judgement_column(judged, result, query.sparql, lang, only)
    if fmt is not f.HTML:  # a table with a label column beside each IRI column
        assert isinstance(result, SelectResult)
        if labelled:
            result = with_label_columns(store, result, lang)
        if fmt in (f.CSV, f.TSV):
            result = spreadsheet_safe(result)
        answer = negotiated_response(result, request.headers.get("accept"), format_param)
        return _said_cut(answer, cap) if truncated else answer
    cut_at = cap if truncated else None
    if isinstance(result, bool):
        return _question_page(request, query, values, lang, answer=result)
    count = len(result.rows) if isinstance(result, SelectResult) else len(result)
    try:
        paging = Paging.asked(request.query_params, count)
    except BadPage as error:
        return _question_page(request, query, values, lang, 400, str(error))
    shown = (lang, links, paging.per_page, paging.offset)
    if isinstance(result, Graph):
        table = graph_table(store, result, *shown)
        return _question_page(request, query, values, lang, table=table, paging=paging,
                              cut_at=cut_at)  # fmt: skip
    table = solutions_table(store, result, *shown)
    switch = None
    if marked:
        key = "show_all" if only else "stated_only"
        kept = {k: v for k, v in request.query_params.items() if k != STATED_PARAM}
        switch = (key, "?" + urlencode(kept if only else {**kept, STATED_PARAM: STATED_ONLY}))
    return _question_page(request, query, values, lang, table=table, stated=switch,
                          paging=paging, cut_at=cut_at)  # fmt: skip


def _page_href(values: dict[str, str], lang: str, paging: Paging, page: int) -> str:
    """The address of another page of a question's answer (its parameters kept)."""
    kept: dict[str, Any] = {**values, "format": "html", "lang": lang}
    if paging.per_page != PER_PAGE:
        kept["per_page"] = paging.per_page
    if page > 1:
        kept["page"] = page
    return "?" + urlencode(kept)


def _said_cut(answer: Response, max_rows: int) -> Response:
    """An answer cut at ``max_rows`` says so: in its headers, and in a JSON body's
    ``truncated`` and ``max_rows`` fields (where people reading the answer look)."""
    body, media_type = bytes(answer.body), answer.media_type or ""
    if media_type.split(";")[0].strip() in (f.JSON_RESULTS.media_type, f.JSON.media_type):
        found = json.loads(body)
        found.update({"truncated": True, "max_rows": max_rows})
        body = json.dumps(found, ensure_ascii=False).encode("utf-8")
    headers = {"Vary": "Accept", **truncation_headers(max_rows)}
    return Response(body, media_type=media_type, headers=headers)


def negotiated_response(
    result: SelectResult | bool | Graph,
    accept: str | None,
    format_param: str | None = None,
) -> Response:
    """Serialise an in-process result in the best acceptable format (raises NotAcceptable)."""
    fmt = choose(offered_for(result), accept, format_param)
    return Response(serialize(result, fmt), media_type=fmt.content_type, headers={"Vary": "Accept"})
