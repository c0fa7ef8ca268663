"""``/compare``: the agreements side by side as HTML, CSV, JSON and an SVG SDG matrix.

- ``GET /compare?lang=sv|en`` — the page (table and matrix); like every page, the language is
  ``?lang=``, then Accept-Language, else Swedish (``service.deps.LangDep``);
- ``GET /compare.csv?lang=&table=agreements|matrix`` — the table, or the matrix (tidy: one
  line per row and goal); see :mod:`service.compare.formats`;
- ``GET /compare.json?lang=`` — table and matrix;
- ``GET /compare/sdg-matrix.svg?lang=`` — the matrix as a self-contained SVG.

A bad ``table`` value is refused by FastAPI's validation (400 with a message); a ``lang``
the service does not speak falls back to the rule, as on every other page.
"""

from typing import Annotated, Final

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

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


@router.get("/compare", response_class=HTMLResponse, summary="Agreements side by side")
def compare_page(request: Request, store: StoreDep, links: LinksDep, lang: LangDep) -> Response:
    """The page, in the language of the one rule (``?lang=``, then Accept-Language)."""
    comparison = gather(store, lang)
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
        },
        headers={"Vary": "Accept-Language"},
    )


@router.get("/compare.csv", summary="The comparison as CSV")
def compare_csv(store: StoreDep, lang: LangDep, table: TableParam = "agreements") -> Response:
    comparison = gather(store, lang)
    name = f"compare-{table}-{comparison.lang}.csv"
    return Response(
        formats.to_csv(comparison, table),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{name}"', "Vary": "Accept-Language"},
    )


@router.get("/compare.json", summary="The comparison as JSON (table and SDG matrix)")
def compare_json(store: StoreDep, lang: LangDep) -> JSONResponse:
    return JSONResponse(formats.to_json(gather(store, lang)), headers={"Vary": "Accept-Language"})


@router.get("/compare/sdg-matrix.svg", summary="The SDG coverage matrix as SVG")
def compare_svg_matrix(store: StoreDep, lang: LangDep) -> Response:
    body = svg.render(gather(store, lang))
    return Response(body, media_type=SVG, headers={"Vary": "Accept-Language"})
