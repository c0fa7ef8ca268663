"""``/browse`` (the kinds of things and their counts) and ``/{kind}`` (one kind as a table).

A kind's listing lives at its path segment — ``/partner`` lists what ``/partner/x`` pages
describe. The linked-data router owns every path and is included last; where a path of
one segment names no resource but a kind, it hands over to :func:`kind_listing` here, so a
resource IRI always wins and a listing never hides one. Listings: ``?q=`` filters (any
case or accent), ``?sort=label|type|<column>`` and ``?desc=true`` sort, and ``?format=``
(or ``/partner.csv``, ``/partner.json``, or Accept) chooses HTML, JSON or CSV.
"""

import csv
import io
from typing import Annotated, Any, Final
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from .. import formats as f
from ..deps import LangDep, SettingsDep, StoreDep, request_language, request_links
from ..links import link_for
from ..negotiation import NotAcceptable, choose
from ..pages import templates
from ..search.index import fold
from ..settings import Settings
from ..store.base import Store
from ..words import words_table
from .catalogue import MAIN_KINDS, Kind, Listing, kinds, listing

router = APIRouter(tags=["browse"])

#: JSON first (programs, ``*/*``); browsers ask for HTML; CSV for spreadsheets.
LISTING_TYPES: Final = (f.JSON, f.HTML, f.CSV)
HOME_TYPES: Final = (f.JSON, f.HTML)
VARY: Final = "Accept, Accept-Language"
#: Extensions a listing's path may carry: ``/partner.csv``.
EXTENSIONS: Final = {"csv": "csv", "json": "json", "html": "html"}


def cached_kinds(request: Request, store: Store, settings: Settings) -> list[Kind]:
    """The kinds of this app's store (computed once: the store is read-only)."""
    cached: dict[str, Any] | None = getattr(request.app.state, "browse_kinds", None)
    if cached is None or cached["store"] is not store:
        cached = {"store": store, "kinds": kinds(store, settings.base_iri)}
        request.app.state.browse_kinds = cached
    found: list[Kind] = cached["kinds"]
    return found


def _text(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message, status_code=status, headers={"Vary": VARY})


@router.get("/browse", summary="The kinds of things in the graph and their counts")
def home(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    lang: LangDep,
    format: Annotated[str | None, Query(description="json | html (overrides Accept).")] = None,
) -> Response:
    """The home page of browsing: every kind with its count and its listing's path."""
    try:
        fmt = choose(HOME_TYPES, request.headers.get("accept"), format)
    except NotAcceptable as error:
        return _text(406, f"Not acceptable: {error}")
    root = request.scope.get("root_path", "").rstrip("/")
    found = cached_kinds(request, store, settings)
    items = [{"kind": k.slug, "name": k.name(lang), "count": k.count, "href": f"{root}/{k.slug}"}
             for k in found]  # fmt: skip
    if fmt is f.JSON:
        return JSONResponse({"lang": lang, "kinds": items}, headers={"Vary": VARY})
    main = [i for i in items if i["kind"] in MAIN_KINDS]
    more = [i for i in items if i["kind"] not in MAIN_KINDS]
    return templates.TemplateResponse(
        request,
        "browse.html",
        {
            "lang": lang,
            "words": words_table(lang, "browse"),
            "main": main,
            "more": more,
            "triples": store.triple_count(),
        },
        headers={"Vary": VARY},
    )


def _csv(data: Listing) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["iri", "label", "type", *(c.key for c in data.columns)])
    for row in data.rows:
        types = "; ".join(c.text for c in row.types)
        writer.writerow([row.iri, row.label, types, *(row.text(c.key) for c in data.columns)])
    return out.getvalue()


def _json(data: Listing, total: int, lang: str, href: Any) -> dict[str, Any]:
    def cells(values: list[Any]) -> list[dict[str, Any]]:
        return [{"text": c.text, **({"iri": c.iri} if c.iri else {})} for c in values]

    return {
        "kind": data.kind.slug,
        "lang": lang,
        "total": total,
        "count": len(data.rows),
        "columns": [{"key": c.key, "iri": c.iri, "name": c.name} for c in data.columns],
        "rows": [
            {
                "iri": row.iri,
                "label": row.label,
                "href": href(row.iri),
                "types": cells(row.types),
                "values": {c.key: cells(row.values.get(c.key, [])) for c in data.columns},
            }
            for row in data.rows
        ],
    }


def kind_listing(
    request: Request, store: Store, settings: Settings, slug: str, extension: str | None
) -> Response | None:
    """The listing of the kind ``slug`` (None if no such kind: the caller answers 404)."""
    if extension is not None and extension not in EXTENSIONS:
        return None
    found = {k.slug: k for k in cached_kinds(request, store, settings)}
    kind = found.get(slug)
    if kind is None:
        return None
    params = request.query_params
    try:
        fmt = choose(
            LISTING_TYPES, request.headers.get("accept"), extension or params.get("format")
        )
    except NotAcceptable as error:
        return _text(406, f"Not acceptable: {error}")
    lang = request_language(request)
    local = request_links(request)
    data = listing(store, settings.base_iri, kind, lang)
    total = len(data.rows)
    keys = {"label", "type", *(c.key for c in data.columns)}
    sort = params.get("sort") or "label"
    if sort not in keys:
        return _text(400, f"sort={sort}: use one of {', '.join(sorted(keys))}")
    descending = (params.get("desc") or "").lower() in ("1", "true", "yes")
    q = params.get("q", "")
    if len(q) > 200:
        return _text(400, "q is too long: at most 200 characters")
    if q.strip():
        folded = fold(q)
        data.rows = [row for row in data.rows if row.matches(folded)]
    data.rows.sort(key=lambda row: (row.sort_key(sort), fold(row.label)), reverse=descending)
    if fmt is f.CSV:
        return Response(
            _csv(data),
            media_type=f.CSV.content_type,
            headers={"Vary": VARY, "Content-Disposition": f'inline; filename="{slug}.csv"'},
        )
    if fmt is f.JSON:
        return JSONResponse(
            _json(data, total, lang, lambda iri: link_for(iri, local)), headers={"Vary": VARY}
        )
    root = request.scope.get("root_path", "").rstrip("/")
    kept = {k: v for k, v in (("q", q), ("lang", params.get("lang"))) if v}

    def sort_href(key: str) -> str:
        flip = key == sort and not descending
        return "?" + urlencode({**kept, "sort": key, **({"desc": "true"} if flip else {})})

    current = {**kept, **({"sort": sort} if sort != "label" else {}),
               **({"desc": "true"} if descending else {})}  # fmt: skip
    return templates.TemplateResponse(
        request,
        "browse_kind.html",
        {
            "lang": lang,
            "words": words_table(lang, "browse"),
            "kind": kind,
            "data": data,
            "total": total,
            "q": q,
            "sort": sort,
            "descending": descending,
            "sort_href": sort_href,
            "href": local,
            "downloads": [
                (name.upper(), f"{root}/{slug}.{name}?" + urlencode(current))
                for name in ("csv", "json")
            ],
        },
        headers={"Vary": VARY},
    )
