"""``/compare``: the chosen agreements side by side as HTML, CSV, JSON and an SVG SDG matrix.

Every door takes the same choice in its address (:mod:`service.compare.choice`):
``university=``, ``partner=``, ``partner_kind=`` (``skg:Municipality``…), ``year=``,
``name=``, ``agreement=`` (each IRI-valued one repeatable), ``all=true``, ``limit=``, and
``group=agreement|university|partner`` for the matrix. Nothing chosen: the agreements of the
university with the most of them, at most six; ``/compare?all=true`` compares every
agreement (up to the cap). A bad value is a 400 that says which.

- ``GET /compare?lang=sv|en&…`` — the page (the form, the table and the matrix); like every
  page, the language is ``?lang=``, then Accept-Language, else Swedish
  (``service.deps.LangDep``);
- ``GET /compare.csv?…&table=agreements|matrix`` — the table, or the matrix (tidy: one
  line per row and goal); see :mod:`service.compare.formats`;
- ``GET /compare.json?…`` — the choice, table and matrix;
- ``GET /compare/sdg-matrix.svg?…`` — the matrix as a self-contained SVG.

Every form takes ``?stated=only``: the curators' judgements (service.claims) left out.

Each asks the store about the chosen agreements only (VALUES), never the whole graph.
"""

from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from ..claims import STATED_ONLY, STATED_PARAM
from ..deps import LangDep, LinksDep, StoreDep
from ..i18n import Lang
from ..model import registry
from ..pages import templates
from ..store.base import Store
from ..warm import once
from ..words import say
from . import formats, svg
from .choice import GROUPS, MAX_LIMIT, BadChoice, Choice, Group, parse_choice
from .model import (
    Comparison,
    Counted,
    Options,
    gather,
    history_text,
    options,
    signed_text,
    unnamed_text,
    validity_text,
)

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


def _iris(what: str) -> Any:
    return Query(description=f"{what}'s IRI (repeatable).")


def chosen(
    university: Annotated[list[str] | None, _iris("A university")] = None,
    partner: Annotated[list[str] | None, _iris("A partner (any member)")] = None,
    partner_kind: Annotated[
        list[str] | None, Query(description="A kind of partner: skg:Municipality, skg:Region…")
    ] = None,
    year: Annotated[str | None, Query(description="Signed, or valid from, in this year.")] = None,
    name: Annotated[
        str | None, Query(description="Words of its name or its partnership's.")
    ] = None,
    agreement: Annotated[list[str] | None, _iris("An agreement")] = None,
    every: Annotated[
        bool, Query(alias="all", description="Every agreement (to the limit).")
    ] = False,
    limit: Annotated[str | None, Query(description=f"At most this many (1–{MAX_LIMIT}).")] = None,
) -> Choice:
    """The reader's choice from the address; a bad value is a 400 that says which."""
    try:
        return parse_choice(
            registry(),
            universities=university or (),
            partners=partner or (),
            partner_kinds=partner_kind or (),
            year=year,
            name=name,
            agreements=agreement or (),
            every=every,
            limit=limit,
        )
    except BadChoice as error:
        raise HTTPException(400, str(error)) from None


ChoiceDep = Annotated[Choice, Depends(chosen)]


@dataclass(frozen=True)
class Field:
    """A select of the choice form: its name in the address, label, entries (value, text),
    the values chosen, and whether it offers "any"."""

    name: str
    label: str
    entries: list[tuple[str, str]]
    chosen: set[str]
    any: bool = True


def _offered(request: Request, store: Store, lang: Lang) -> Options:
    """The form's choices, asked once per store and language: the served store does not
    change while it is served."""
    return once(request.app.state, store).get(
        ("compare-options", lang), lambda: options(store, lang)
    )


GroupParam = Annotated[
    Group, Query(description=f"The matrix's rows: {' | '.join(GROUPS)} (each with its agreements).")
]


def _fields(lang: str, offered: Options, comparison: Comparison) -> list[Field]:
    """The form's selects, each showing what ``comparison`` chose."""
    choice = comparison.choice

    def counted(found: list[Counted]) -> list[tuple[str, str]]:
        return [(c.ref.iri, f"{c.ref.label} ({c.rows})") for c in found]

    groups = {
        "agreement": say(lang, "compare_page.group_agreement"),
        "university": say(lang, "compare_page.group_university"),
        "partner": say(lang, "compare_page.group_partner"),
    }
    return [
        Field(
            "university",
            say(lang, "compare_page.choose_university"),
            counted(offered.universities),
            set(choice.universities),
        ),
        Field(
            "partner",
            say(lang, "compare_page.choose_partner"),
            counted(offered.partners),
            set(choice.partners),
        ),
        Field(
            "partner_kind",
            say(lang, "compare_page.choose_kind"),
            [(k.iri, k.label) for k in offered.kinds],
            set(choice.partner_kinds),
        ),
        Field(
            "year",
            say(lang, "compare_page.choose_year"),
            [(str(y), str(y)) for y in offered.years],
            {str(choice.year)},
        ),
        Field(
            "group",
            say(lang, "compare_page.choose_group"),
            [(g, groups[g]) for g in GROUPS],
            {comparison.group},
            any=False,
        ),
    ]


def chosen_comparison(
    request: Request,
    store: StoreDep,
    lang: LangDep,
    choice: ChoiceDep,
    group: GroupParam = "agreement",
    stated: StatedParam = None,
) -> Comparison:
    """The comparison the address asks for (the page's and each download's one dependency)."""
    offered = _offered(request, store, lang)
    return gather(store, lang, choice, group, offered, stated is not None)


ComparisonDep = Annotated[Comparison, Depends(chosen_comparison)]


@router.get("/compare", response_class=HTMLResponse, summary="Chosen agreements side by side")
def compare_page(
    request: Request,
    store: StoreDep,
    links: LinksDep,
    lang: LangDep,
    choice: ChoiceDep,
    comparison: ComparisonDep,
    group: GroupParam = "agreement",
    stated: StatedParam = None,
) -> Response:
    """The page, in the language of the one rule (``?lang=``, then Accept-Language)."""
    offered = _offered(request, store, lang)  # the form's choices (kept per app)
    judged = any(r.judgements for r in comparison.rows) or any(
        cell.judged for m in comparison.matrix for cell in m.cells.values()
    )
    # the switch between all facts and the stated ones keeps the reader's choice
    here = f"{request.scope.get('root_path', '')}/compare"
    kept = choice.address(group)
    switch = None
    if stated is not None:
        switch = ("show_all", f"{here}?{kept}" if kept else here)
    elif judged:
        only = f"{STATED_PARAM}={STATED_ONLY}"
        switch = ("stated_only", f"{here}?{kept}&{only}" if kept else f"{here}?{only}")
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
            "options": offered,
            "goal_names": {g.number: g.label for g in comparison.goals},
            "fields": _fields(comparison.lang, offered, comparison),
            "max_limit": MAX_LIMIT,
            # links keep the reader's own choice (none: the default, whatever it is then)
            "address": choice.address(group),
        },
        headers={"Vary": "Accept-Language"},
    )


@router.get("/compare.csv", summary="The comparison as CSV")
def compare_csv(comparison: ComparisonDep, table: TableParam = "agreements") -> Response:
    name = f"compare-{table}-{comparison.lang}.csv"
    return Response(
        formats.to_csv(comparison, table),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{name}"', "Vary": "Accept-Language"},
    )


@router.get("/compare.json", summary="The comparison as JSON (table and SDG matrix)")
def compare_json(comparison: ComparisonDep) -> JSONResponse:
    return JSONResponse(formats.to_json(comparison), headers={"Vary": "Accept-Language"})


@router.get("/compare/sdg-matrix.svg", summary="The SDG coverage matrix as SVG")
def compare_svg_matrix(comparison: ComparisonDep) -> Response:
    return Response(svg.render(comparison), media_type=SVG, headers={"Vary": "Accept-Language"})
