"""``/compare``: the agreements side by side as HTML, CSV, JSON and an SVG SDG matrix.

- ``GET /compare?lang=sv|en`` — the page (table and matrix); like every page, the language is
  ``?lang=``, then Accept-Language, else Swedish (``service.deps.LangDep``);
- ``GET /compare.csv?lang=&table=agreements|matrix`` — the table, or the matrix (tidy: one
  line per row and goal); see :mod:`service.compare.formats`;
- ``GET /compare.json?lang=`` — table and matrix;
- ``GET /compare/sdg-matrix.svg?lang=`` — the matrix as a self-contained SVG.

Every form takes ``?stated=only``: the curators' judgements (service.claims) left out.

A bad ``table`` value is refused by FastAPI's validation (400 with a message); a ``lang``
the service does not speak falls back to the rule, as on every other page.
"""

from typing import Annotated, Final, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from ..claims import STATED_ONLY, STATED_PARAM
from ..deps import LangDep, LinksDep, StoreDep
from ..pages import templates
from . import formats, svg
from .model import gather, history_text, signed_text, unnamed_text, validity_text

router = APIRouter(tags=["compare"])

SVG: Final = "image/svg+xml"
TableParam = Annotated[
    formats.Table,
    Query(description="agreements (one line per agreement) | matrix (one line per row and SDG)."),
]
StatedParam = Annotated[
    Literal["only"] | None,
    Query(description="only: leave out the curators' judgements (what the sources state)."),
]


@router.get("/compare", response_class=HTMLResponse, summary="Agreements side by side")
def compare_page(
    request: Request, store: StoreDep, links: LinksDep, lang: LangDep, stated: StatedParam = None
) -> Response:
    """The page, in the language of the one rule (``?lang=``, then Accept-Language)."""
    comparison = gather(store, lang, stated is not None)
    judged = any(r.judgements for r in comparison.rows) or any(
        cell.judged for m in comparison.matrix for cell in m.cells.values()
    )
    switch = None
    if stated is not None:
        switch = ("show_all", f"{request.scope.get('root_path', '')}/compare")
    elif judged:
        switch = (
            "stated_only",
            f"{request.scope.get('root_path', '')}/compare?{STATED_PARAM}={STATED_ONLY}",
        )
    return templates.TemplateResponse(
        request,
        "compare.html",
        {
            "lang": comparison.lang,
            "c": comparison,
            "colour": svg.colour,
            "fallback_colour": svg.FALLBACK_COLOUR,
            "ink": svg.ink,  # text colour on a goal's colour (contrast 4.5:1)
            "edge": svg.edge,  # outline of a filled mark (contrast 3:1)
            "cells": formats.cells,
            "columns": formats.page_columns(),
            "signed_text": signed_text,
            "validity_text": validity_text,
            "history_text": history_text,
            "unnamed_text": unnamed_text,
            "href": links,
            "stated": switch,
            "stated_query": f"&{STATED_PARAM}={STATED_ONLY}" if stated else "",
        },
        headers={"Vary": "Accept-Language"},
    )


@router.get("/compare.csv", summary="The comparison as CSV")
def compare_csv(
    store: StoreDep, lang: LangDep, table: TableParam = "agreements", stated: StatedParam = None
) -> Response:
    comparison = gather(store, lang, stated is not None)
    name = f"compare-{table}-{comparison.lang}.csv"
    return Response(
        formats.to_csv(comparison, table),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{name}"', "Vary": "Accept-Language"},
    )


@router.get("/compare.json", summary="The comparison as JSON (table and SDG matrix)")
def compare_json(store: StoreDep, lang: LangDep, stated: StatedParam = None) -> JSONResponse:
    comparison = gather(store, lang, stated is not None)
    return JSONResponse(formats.to_json(comparison), headers={"Vary": "Accept-Language"})


@router.get("/compare/sdg-matrix.svg", summary="The SDG coverage matrix as SVG")
def compare_svg_matrix(store: StoreDep, lang: LangDep, stated: StatedParam = None) -> Response:
    body = svg.render(gather(store, lang, stated is not None))
    return Response(body, media_type=SVG, headers={"Vary": "Accept-Language"})
