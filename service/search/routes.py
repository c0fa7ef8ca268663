"""``GET /search?q=``: resources by their labels, as a page (browsers) or JSON (programs).

``q`` is matched against every label, alias and description in Swedish and English,
ignoring case and diacritics (see :mod:`service.search.index`); ``limit`` is the hits a page
shows (default 50, at most 500) and ``page`` which page; ``kind=<class IRI>`` keeps the hits
of one kind (each kind is offered with its count); ``format=json|html`` overrides Accept.
Each hit names the resource in the reader's language, the label that matched, its kinds,
the page to open, and the curators' notes where a kind or label shown is their
judgement (``?stated=only`` leaves such kinds out).
"""

from collections import Counter
from typing import Annotated, Any, Final
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from rdflib import Literal, URIRef

from .. import formats as f
from ..claims import Claims, claims, stated_only
from ..deps import LangDep, LinksDep, StoreDep
from ..links import LocalHref, link_for
from ..namespaces import RDF, compact_iri
from ..negotiation import NotAcceptable, choose
from ..pages import templates
from ..pages.vocabulary import term_name
from ..store.base import Store
from ..warm import once
from ..words import words_table
from .index import Entry, Hit, build_index, search

router = APIRouter(tags=["search"])

#: JSON first, so programs and ``*/*`` get data; browsers ask for HTML first.
SEARCH_TYPES: Final = (f.JSON, f.HTML)
MAX_QUERY: Final = 200
VARY: Final = "Accept, Accept-Language"


def search_index(store: Store) -> dict[str, Any]:
    """The index of ``store``: its entries, and each entry by its IRI."""
    entries = build_index(store)
    return {"entries": entries, "by_iri": {e.iri: e for e in entries}}


def store_index(state: Any, store: Store) -> dict[str, Any]:
    """The index of the store an app serves, built once (the store is read-only)."""
    return once(state, store).get("search", lambda: search_index(store))


def _kind_names(
    entry: Entry, by_iri: dict[Any, Entry], lang: str, kinds: list[URIRef]
) -> list[str]:
    names = []
    for kind in kinds:
        known = by_iri.get(kind)
        if known is not None:
            names.append(known.best(lang).text)
        else:
            names.append(term_name(kind, lang) or compact_iri(str(kind)))
    return sorted(set(names), key=str.casefold)


def hit_json(
    hit: Hit,
    by_iri: dict[Any, Entry],
    lang: str,
    local: LocalHref,
    claims: Claims,
    stated_only: bool = False,
) -> dict[str, Any]:
    """One hit as JSON (the page shows the same fields); what it shows of the curators'
    claims (a type, a label) is in ``curators_judgement`` — or left out if ``stated_only``."""
    best = hit.entry.best(lang)
    iri = hit.entry.iri
    shown: list[tuple[URIRef, URIRef | Literal]] = [(RDF.type, t) for t in hit.entry.types]
    shown += [
        (label.predicate, Literal(label.text, lang=label.lang)) for label in {best, hit.matched}
    ]
    judged = {(p, o): c.note(lang) for p, o in shown if (c := claims.of(iri, p, o)) is not None}
    types = [t for t in hit.entry.types if not (stated_only and (RDF.type, t) in judged)]
    notes = [] if stated_only else sorted(set(judged.values()))
    return {
        "iri": str(hit.entry.iri),
        "label": best.text,
        "lang": best.lang,
        "matched": hit.matched.text,
        "matched_lang": hit.matched.lang,
        "types": [str(t) for t in types],
        "kinds": _kind_names(hit.entry, by_iri, lang, types),
        "href": link_for(str(hit.entry.iri), local),
        "rank": hit.score[0],
        "curators_judgement": notes,
    }


@router.get("/search", summary="Search resources by their labels (sv/en, any case or accent)")
def search_page(
    request: Request,
    store: StoreDep,
    lang: LangDep,
    links: LinksDep,
    q: Annotated[str, Query(description="Words to find in labels.")] = "",
    limit: Annotated[int, Query(ge=1, le=500, description="Hits a page shows.")] = 50,
    page: Annotated[int, Query(ge=1, description="Which page of hits (from 1).")] = 1,
    kind: Annotated[str | None, Query(description="Keep the hits of this class (IRI).")] = None,
    format: Annotated[str | None, Query(description="json | html (overrides Accept).")] = None,
) -> Response:
    """Resources whose labels hold every word of ``q``, best first."""
    try:
        fmt = choose(SEARCH_TYPES, request.headers.get("accept"), format)
    except NotAcceptable as error:
        return PlainTextResponse(f"Not acceptable: {error}", 406, {"Vary": VARY})
    if len(q) > MAX_QUERY:
        return PlainTextResponse(f"q is too long: at most {MAX_QUERY} characters", 400)
    index = store_index(request.app.state, store)
    every = search(index["entries"], q, lang)
    kinds = _kind_counts(every, index["by_iri"], lang, q, request.query_params.get("lang"), kind)
    hits = [h for h in every if kind is None or URIRef(kind) in h.entry.types]
    pages = max(1, -(-len(hits) // limit))
    if page > pages:
        return PlainTextResponse(f"page={page}: there are {pages} page(s) of {limit}", 400)
    shown = hits[(page - 1) * limit : page * limit]
    judged, only = claims(store), stated_only(request.query_params)
    results = [hit_json(hit, index["by_iri"], lang, links, judged, only) for hit in shown]
    paging = {"total": len(hits), "page": page, "pages": pages, "limit": limit}
    if fmt is f.JSON:
        body = {"q": q, "lang": lang, **paging, "kinds": kinds, "results": results}
        return JSONResponse(body, headers={"Vary": VARY})

    def page_href(number: int) -> str:
        kept = {
            "q": q,
            "kind": kind,
            "limit": limit if limit != 50 else None,
            "lang": request.query_params.get("lang"),
            "page": number if number > 1 else None,
        }
        return "?" + urlencode({k: v for k, v in kept.items() if v})

    nav = {
        "first": page_href(1) if page > 1 else None,
        "previous": page_href(page - 1) if page > 1 else None,
        "next": page_href(page + 1) if page < pages else None,
        "last": page_href(pages) if page < pages else None,
    }
    return templates.TemplateResponse(
        request,
        "search.html",
        {
            "lang": lang,
            "words": words_table(lang, "search"),
            "paging_words": words_table(lang, "browse"),
            "q": q,
            "results": results,
            "kinds": kinds,
            "paging": paging,
            "nav": nav,
            "first": (page - 1) * limit + 1,
        },
        headers={"Vary": VARY},
    )


def _kind_counts(
    hits: list[Hit],
    by_iri: dict[Any, Entry],
    lang: str,
    q: str,
    chosen_lang: str | None,
    kind: str | None,
) -> list[dict[str, Any]]:
    """How many hits each kind has, with the address that keeps (or drops) that kind."""
    counts = Counter(t for hit in hits for t in set(hit.entry.types))
    found = []
    for iri, n in counts.most_common(30):
        known = by_iri.get(iri)
        name = known.best(lang).text if known else term_name(iri, lang) or compact_iri(str(iri))
        chosen = kind == str(iri)
        kept = {"q": q, "lang": chosen_lang, **({} if chosen else {"kind": str(iri)})}
        found.append({"iri": str(iri), "name": name, "count": n, "chosen": chosen,
                      "href": "?" + urlencode({k: v for k, v in kept.items() if v})})  # fmt: skip
    return found
