"""``/compare``: the agreements side by side as HTML, CSV, JSON and an SVG SDG matrix.

- ``GET /compare?lang=sv|en`` — the page (table and matrix);
- ``GET /compare.csv?lang=&table=agreements|matrix`` — the table, or the matrix (tidy: one
  line per row and goal); see :mod:`service.compare_formats`;
- ``GET /compare.json?lang=`` — table and matrix;
- ``GET /compare/sdg-matrix.svg?lang=`` — the matrix as a self-contained SVG.

Bad ``lang`` or ``table`` values get a 400 with a message.
"""

from typing import Annotated, Final

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from . import compare_formats, compare_svg
from .compare import (
    LANGS,
    Comparison,
    UnsupportedLanguage,
    check_lang,
    gather,
    history_text,
    signed_text,
    unnamed_text,
    validity_text,
)
from .deps import SettingsDep, StoreDep
from .pages import templates
from .resource_view import local_href

router = APIRouter(tags=["compare"])

SVG: Final = "image/svg+xml"
LangParam = Annotated[str, Query(description=f"Language of labels: {' | '.join(LANGS)}.")]
TableParam = Annotated[
    str,
    Query(description="agreements (one line per agreement) | matrix (one line per row and SDG)."),
]


def _comparison(store: StoreDep, lang: str) -> Comparison:
    try:
        return gather(store, check_lang(lang))
    except UnsupportedLanguage as error:
        raise HTTPException(status_code=400, detail=str(error)) from None


@router.get("/compare", response_class=HTMLResponse, summary="Agreements side by side")
def compare_page(
    request: Request, store: StoreDep, settings: SettingsDep, lang: LangParam = "sv"
) -> Response:
    comparison = _comparison(store, lang)
    return templates.TemplateResponse(
        request,
        "compare.html",
        {
            "lang": comparison.lang,
            "c": comparison,
            "colours": compare_svg.SDG_COLOURS,
            "ink": compare_svg.ink,  # text colour on a goal's colour (contrast 4.5:1)
            "edge": compare_svg.edge,  # outline of a filled mark (contrast 3:1)
            "cells": compare_formats.cells,
            "signed_text": signed_text,
            "validity_text": validity_text,
            "history_text": history_text,
            "unnamed_text": unnamed_text,
            "href": local_href(settings.base_iri, request.scope.get("root_path", "")),
        },
    )


@router.get("/compare.csv", summary="The comparison as CSV")
def compare_csv(
    store: StoreDep, lang: LangParam = "sv", table: TableParam = "agreements"
) -> Response:
    try:
        which = compare_formats.check_table(table)
    except compare_formats.UnknownTable as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
    comparison = _comparison(store, lang)
    name = f"compare-{which}-{comparison.lang}.csv"
    return Response(
        compare_formats.to_csv(comparison, which),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@router.get("/compare.json", summary="The comparison as JSON (table and SDG matrix)")
def compare_json(store: StoreDep, lang: LangParam = "sv") -> JSONResponse:
    return JSONResponse(compare_formats.to_json(_comparison(store, lang)))


@router.get("/compare/sdg-matrix.svg", summary="The SDG coverage matrix as SVG")
def compare_svg_matrix(store: StoreDep, lang: LangParam = "sv") -> Response:
    comparison = _comparison(store, lang)
    return Response(compare_svg.render(comparison), media_type=SVG)
