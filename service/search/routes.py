"""``GET /search?q=``: resources by their labels, as a page (browsers) or JSON (programs).

``q`` is matched against every label in Swedish and English, ignoring case and diacritics
(see :mod:`service.search.index`); ``limit`` caps the hits (default 50, at most 500);
``format=json|html`` overrides Accept. Each hit names the resource in the reader's language,
the label that matched, its kinds, and the page to open.
"""

from typing import Annotated, Any, Final

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from .. import formats as f
from ..deps import LangDep, LinksDep, StoreDep
from ..links import LocalHref, link_for
from ..namespaces import compact_iri
from ..negotiation import NotAcceptable, choose
from ..pages import templates
from ..pages.vocabulary import term_name
from ..store.base import Store
from ..words import words_table
from .index import Entry, Hit, build_index, search

router = APIRouter(tags=["search"])

#: JSON first, so programs and ``*/*`` get data; browsers ask for HTML first.
SEARCH_TYPES: Final = (f.JSON, f.HTML)
MAX_QUERY: Final = 200
VARY: Final = "Accept, Accept-Language"


def _index(request: Request, store: Store) -> dict[str, Any]:
    """The index of this app's store, built on first use (the store is read-only)."""
    cached: dict[str, Any] | None = getattr(request.app.state, "search_index", None)
    if cached is None or cached["store"] is not store:
        entries = build_index(store)
        cached = {"store": store, "entries": entries, "by_iri": {e.iri: e for e in entries}}
        request.app.state.search_index = cached
    return cached


def _kind_names(entry: Entry, by_iri: dict[Any, Entry], lang: str) -> list[str]:
    names = []
    for kind in entry.types:
        known = by_iri.get(kind)
        if known is not None:
            names.append(known.best(lang).text)
        else:
            names.append(term_name(kind, lang) or compact_iri(str(kind)))
    return sorted(set(names), key=str.casefold)


def hit_json(hit: Hit, by_iri: dict[Any, Entry], lang: str, local: LocalHref) -> dict[str, Any]:
    """One hit as JSON (the page shows the same fields)."""
    best = hit.entry.best(lang)
    return {
        "iri": str(hit.entry.iri),
        "label": best.text,
        "lang": best.lang,
        "matched": hit.matched.text,
        "matched_lang": hit.matched.lang,
        "types": [str(t) for t in hit.entry.types],
        "kinds": _kind_names(hit.entry, by_iri, lang),
        "href": link_for(str(hit.entry.iri), local),
        "rank": hit.score[0],
    }


@router.get("/search", summary="Search resources by their labels (sv/en, any case or accent)")
def search_page(
    request: Request,
    store: StoreDep,
    lang: LangDep,
    links: LinksDep,
    q: Annotated[str, Query(description="Words to find in labels.")] = "",
    limit: Annotated[int, Query(ge=1, le=500, description="Most hits returned.")] = 50,
    format: Annotated[str | None, Query(description="json | html (overrides Accept).")] = None,
) -> Response:
    """Resources whose labels hold every word of ``q``, best first."""
    try:
        fmt = choose(SEARCH_TYPES, request.headers.get("accept"), format)
    except NotAcceptable as error:
        return PlainTextResponse(f"Not acceptable: {error}", 406, {"Vary": VARY})
    if len(q) > MAX_QUERY:
        return PlainTextResponse(f"q is too long: at most {MAX_QUERY} characters", 400)
    index = _index(request, store)
    hits = search(index["entries"], q, lang, limit)
    results = [hit_json(hit, index["by_iri"], lang, links) for hit in hits]
    if fmt is f.JSON:
        return JSONResponse({"q": q, "lang": lang, "results": results}, headers={"Vary": VARY})
    return templates.TemplateResponse(
        request,
        "search.html",
        {"lang": lang, "words": words_table(lang, "search"), "q": q, "results": results},
        headers={"Vary": VARY},
    )
