"""``/browse`` (the kinds of things and their counts) and ``/{kind}`` (one kind as a table).

A kind's listing lives at its path segment — ``/partner`` lists what ``/partner/x`` pages
describe. The linked-data router owns every path and is included last; where a path of
one segment names no resource but a kind, it hands over to :func:`kind_listing` here, so a
resource IRI always wins and a listing never hides one. Listings: ``?q=`` filters by name
(any case or accent), ``?<facet>=value`` keeps what has that value (the facets the registry
declares for the path: ``?status=…&year=2021``; repeat to combine), ``?sort=label|type|
<column>`` and ``?desc=true`` sort, ``?page=`` and ``?per_page=`` page (50 a page, at most
500), and ``?format=`` (or ``/partner.csv``, ``/partner.json``, or Accept) chooses HTML,
JSON or CSV. Every page is one page of SPARQL (``LIMIT``/``OFFSET``, a ``COUNT``, the
facets' ``GROUP BY``: see ``query.py``); a CSV or JSON download without ``page`` streams
every row, a few hundred at a time.
"""

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Final
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse
from rdflib import URIRef
from rdflib.term import Identifier

from .. import formats as f
from ..claims import STATED_ONLY, STATED_PARAM, Claims, claims, stated_only
from ..deps import LangDep, SettingsDep, StoreDep, request_language, request_links
from ..labels import fetch_labels
from ..links import LocalHref, link_for
from ..model import Facet, registry
from ..namespaces import RDF, SKOS, compact_iri
from ..negotiation import NotAcceptable, choose
from ..pages import templates
from ..pages.vocabulary import term_name
from ..paging import MAX_PER_PAGE, PER_PAGE, BadPage, page_number
from ..search.index import fold
from ..settings import Settings
from ..spreadsheet import neutralised
from ..store.base import Store
from ..warm import Step, once
from ..words import find, say, words_table
from .catalogue import (
    Column,
    Kind,
    Row,
    chosen_columns,
    columns_of,
    kinds,
    properties_used,
    rows_of,
)
from .facet_index import FacetIndex, read_index
from .names import Names, read_names
from .query import (
    FACET_VALUES,
    LISTED_MATCHES,
    Selection,
    address_value,
    facet_value,
    label_path,
    members,
    typed_counts,
)

router = APIRouter(tags=["browse"])

#: JSON first (programs, ``*/*``); browsers ask for HTML; CSV for spreadsheets.
LISTING_TYPES: Final = (f.JSON, f.HTML, f.CSV)
HOME_TYPES: Final = (f.JSON, f.HTML)
VARY: Final = "Accept, Accept-Language"
#: Extensions a listing's path may carry: ``/partner.csv``.
EXTENSIONS: Final = {"csv": "csv", "json": "json", "html": "html"}
#: Resources read per query while a download streams.
STREAM_CHUNK: Final = 200
MAX_Q: Final = 200


def _cache(request: Request, store: Store) -> dict[str, Any]:
    """The answers this app's store lets browsing remember (the store is read-only)."""
    cached: dict[str, Any] | None = getattr(request.app.state, "browse_cache", None)
    if cached is None or cached["store"] is not store:
        cached = {"store": store, "answers": {}}
        request.app.state.browse_cache = cached
    return cached


def store_kinds(state: Any, store: Store, base_iri: str) -> list[Kind]:
    """The kinds of the store an app serves and their counts, read once."""
    return once(state, store).get("kinds", lambda: kinds(store, base_iri))


def cached_kinds(request: Request, store: Store, settings: Settings) -> list[Kind]:
    """The kinds of this app's store and their counts."""
    return store_kinds(request.app.state, store, settings.base_iri)


def _members(state: Any, store: Store, base_iri: str, kind: Kind) -> str:
    """The pattern of the kind's members: by class when the classes the registry names for
    the path are exactly its resources (read through the type index), else by a scan."""

    def pattern() -> str:
        text = typed_counts(base_iri, kind.slug)
        row = store.select(text).rows[0] if text else {}
        exact = text is not None and int(row["all"]) == int(row["here"]) == kind.count
        return members(base_iri, kind.slug, exact)

    return once(state, store).get(("members", kind.slug), pattern)


def _used(state: Any, store: Store, pattern: str, slug: str) -> dict[URIRef, dict[str, int]]:
    """The properties the kind's members use, counted once per store."""
    return once(state, store).get(("used", slug), lambda: properties_used(store, pattern))


def _names(
    state: Any, store: Store, slug: str, pattern: str, used: dict[URIRef, dict[str, int]]
) -> tuple[Names, FacetIndex]:
    """The kind's names (``names.py``) and facet values (``facet_index.py``), read once."""

    def read() -> tuple[Names, FacetIndex]:
        names = read_names(store, pattern, label_path(set(used)), SKOS.altLabel in used)
        facets = registry().path_kind(slug).facets
        return names, read_index(store, pattern, list(names.labels), facets)

    return once(state, store).get(("names", slug), read)


def warm_steps(state: Any, store: Store, base_iri: str) -> list[Step]:
    """What browsing reads once per store, kind by kind (the main kinds first)."""
    steps: list[Step] = []
    for kind in store_kinds(state, store, base_iri):

        def read(kind: Kind = kind) -> None:
            pattern = _members(state, store, base_iri, kind)
            _names(state, store, kind.slug, pattern, _used(state, store, pattern, kind.slug))

        steps.append((f"the {kind.slug} listing", read))
    return steps


#: Answers (counts, facet counts) kept per store: paging through one selection asks once.
ANSWERS_KEPT: Final = 256


def _select(request: Request, store: Store, text: str) -> list[dict[str, Any]]:
    """The rows of a SELECT on this read-only store, remembered for the next pages."""
    answers: dict[str, list[dict[str, Any]]] = _cache(request, store)["answers"]
    if text not in answers:
        if len(answers) >= ANSWERS_KEPT:
            del answers[next(iter(answers))]  # the oldest
        answers[text] = [dict(row) for row in store.select(text).rows]
    return answers[text]


@dataclass(frozen=True)
class ByName:
    """A selection ordered by name, worked out from what is read once per store."""

    iris: list[URIRef]  # the selected members, in order
    counts: Callable[[Facet], list[tuple[Identifier, int]]]  # a facet's values among them


def _by_name(
    request: Request, store: Store, slug: str, selection: Selection, used: dict[URIRef, Any]
) -> ByName:
    """The selected members by name and their facets' counts, from the names and facet
    values read once per store."""
    names, index = _names(request.app.state, store, slug, selection.members, used)
    bits = index.of(names.matching(selection.q)) if fold(selection.q).split() else index.every()
    for facet, value in selection.chosen:
        bits &= index.having(facet, value)
    among = index.chosen(bits) if bits != index.every() else None
    ordered = names.ordered(selection.lang, selection.descending, among)
    return ByName([URIRef(iri) for iri in ordered], lambda facet: index.counts(facet, bits))


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
    main = [i for i, k in zip(items, found, strict=True) if k.main]
    more = [i for i, k in zip(items, found, strict=True) if not k.main]
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


class BadAddress(BadPage):
    """A listing's address asks for something it cannot give (answered 400 with the text)."""


@dataclass(frozen=True)
class Address:
    """What a listing's address asks for, and how to write it again with changes."""

    q: str
    sort: str
    descending: bool
    chosen: tuple[tuple[Facet, str], ...]
    page: int | None
    per_page: int | None
    lang: str | None
    stated: str | None = None  # ?stated=only: the curators' judgements left out

    def query(self, **changes: Any) -> str:
        """``?…`` keeping every choice, with ``changes`` (None drops one; ``chosen=``
        replaces the facet values)."""
        fields: dict[str, Any] = {
            "q": self.q,
            "sort": self.sort if self.sort != "label" else None,
            "desc": "true" if self.descending else None,
            "chosen": self.chosen,
            "per_page": self.per_page,
            "page": self.page,
            "lang": self.lang,
            STATED_PARAM: self.stated,
        }
        fields.update(changes)
        pairs: list[tuple[str, Any]] = [(f.key, v) for f, v in fields.pop("chosen")]
        if fields["page"] == 1:  # the first page is the address without one
            fields["page"] = None
        pairs += [(k, v) for k, v in fields.items() if v not in (None, "")]
        return "?" + urlencode(pairs) if pairs else "?"


def _address(params: Any, facets: tuple[Facet, ...], keys: set[str]) -> Address:
    q = params.get("q", "")
    if len(q) > MAX_Q:
        raise BadAddress(f"q is too long: at most {MAX_Q} characters")
    sort = params.get("sort") or "label"
    if sort not in keys:
        raise BadAddress(f"sort={sort}: use one of {', '.join(sorted(keys))}")
    chosen = []
    for facet in facets:
        for value in params.getlist(facet.key):
            if not value or len(value) > 500:
                raise BadAddress(f"{facet.key}={value[:40]}: give a value of 1 to 500 characters")
            chosen.append((facet, value))
    page = page_number(params, "page", 1) if "page" in params else None
    per_page = (
        page_number(params, "per_page", PER_PAGE, MAX_PER_PAGE) if "per_page" in params else None
    )
    return Address(
        q=q,
        sort=sort,
        descending=(params.get("desc") or "").lower() in ("1", "true", "yes"),
        chosen=tuple(chosen),
        page=page,
        per_page=per_page,
        lang=params.get("lang"),
        stated=STATED_ONLY if stated_only(params) else None,
    )


def _selection(
    address: Address,
    pattern: str,
    columns: list[URIRef],
    lang: str,
    base_iri: str,
    used: set[URIRef],
) -> Selection:
    by_key = {compact_iri(str(p)): p for p in columns}
    sort = (
        None
        if address.sort == "label"
        else RDF.type
        if address.sort == "type"
        else by_key[address.sort]
    )
    return Selection(
        members=pattern,
        lang=lang,
        q=address.q,
        chosen=tuple((f, facet_value(v, base_iri)) for f, v in address.chosen),
        sort=sort,
        descending=address.descending,
        labels=label_path(used),
        names=label_path(used, aliases=True),
    )


def _iris(store: Store, query: str) -> list[URIRef]:
    rows = store.select(query).rows
    return [s for s in (row.get("s") for row in rows) if isinstance(s, URIRef)]


def _count(request: Request, store: Store, query: str) -> int:
    return int(_select(request, store, query)[0]["n"])


def facet_name(facet: Facet, lang: str) -> str:
    """A facet's heading: its word in words/ ([facets]), else its last property's name."""
    return find(lang, "facets", facet.key) or term_name(facet.path[-1], lang) or facet.key


def _value_name(value: Identifier, names: dict[URIRef, str], lang: str) -> str:
    if isinstance(value, URIRef):
        return names.get(value) or term_name(value, lang) or compact_iri(str(value))
    return str(value)


def _facet_counts(
    store: Store,
    facets: tuple[Facet, ...],
    counts: Callable[[Facet], list[tuple[Identifier, int]]],
    address: Address,
    base_iri: str,
    lang: str,
) -> list[dict[str, Any]]:
    """Each facet with its values' counts among the selected resources (``counts``: most
    first), and the address that adds (or, for a value chosen, drops) the value."""
    found = []
    for facet in facets:
        counted = counts(facet)
        names = fetch_labels(store, [v for v, _ in counted if isinstance(v, URIRef)], lang)
        chosen = {v for f, v in address.chosen if f == facet}
        values = []
        for value, n in counted[:FACET_VALUES]:
            written = address_value(value, base_iri)
            picked = written in chosen
            others = tuple((f, v) for f, v in address.chosen if not (f == facet and v == written))
            again = others if picked else (*address.chosen, (facet, written))
            values.append(
                {
                    "value": written,
                    "label": _value_name(value, names, lang),
                    "count": n,
                    "chosen": picked,
                    "href": address.query(chosen=again, page=None),
                }
            )
        for written in sorted(chosen - {v["value"] for v in values}):  # chosen, now uncounted
            others = tuple((f, v) for f, v in address.chosen if not (f == facet and v == written))
            values.append({"value": written, "label": written, "count": 0, "chosen": True,
                           "href": address.query(chosen=others, page=None)})  # fmt: skip
        found.append(
            {
                "key": facet.key,
                "name": facet_name(facet, lang),
                "more": len(counted) > FACET_VALUES,
                "values": values,
            }
        )
    return found


def _header(columns: list[Column], lang: str) -> list[str]:
    """A CSV's first row: readable names (the JSON keeps the prefixed names)."""
    return [say(lang, "browse.iri"), say(lang, "browse.name"), say(lang, "browse.type"),
            *(c.name for c in columns), say(lang, "claims.judgement")]  # fmt: skip


def _csv_lines(rows: list[Row], columns: list[Column], header: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header is not None:
        writer.writerow([neutralised(cell) for cell in header])
    for row in rows:
        types = "; ".join(c.text for c in row.types)
        judged = " | ".join(row.judgements())
        cells = [row.iri, row.label, types, *(row.text(c.key) for c in columns), judged]
        writer.writerow([neutralised(cell) for cell in cells])
    return out.getvalue()


def _row_json(row: Row, columns: list[Column], local: LocalHref) -> dict[str, Any]:
    def cells(values: list[Any]) -> list[dict[str, Any]]:
        return [
            {
                "text": c.text,
                **({"iri": c.iri} if c.iri else {}),
                **({"curators_judgement": c.judgement} if c.judgement else {}),
            }
            for c in values
        ]

    return {
        "iri": row.iri,
        "label": row.label,
        "href": link_for(row.iri, local),
        "types": cells(row.types),
        "values": {c.key: cells(row.values.get(c.key, [])) for c in columns},
    }


def _stream(
    store: Store,
    base_iri: str,
    iris: list[URIRef],
    chosen: list[URIRef],
    lang: str,
    parts: tuple[str, Callable[[list[Row]], str], str],
    judged: Claims,
    only: bool,
) -> Iterator[str]:
    """A head, then every row of ``iris`` a chunk at a time, then a tail: a download holds
    a few hundred rows at once, never the whole listing."""
    head, lines, tail = parts
    yield head
    for start in range(0, len(iris), STREAM_CHUNK):
        chunk = iris[start : start + STREAM_CHUNK]
        rows, _ = rows_of(store, base_iri, chunk, chosen, lang, judged, only)
        yield lines(rows)
    yield tail


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
    base = settings.base_iri
    pattern = _members(request.app.state, store, base, kind)
    used = _used(request.app.state, store, pattern, slug)
    chosen = chosen_columns(used, slug)
    facets = registry().path_kind(slug).facets
    keys = {"label", "type", *(compact_iri(str(p)) for p in chosen)}
    try:
        address = _address(params, facets, keys)
    except BadPage as error:
        return _text(400, str(error))
    selection = _selection(address, pattern, chosen, lang, base, set(used))
    judged = claims(store)
    by_name: ByName | None = None  # ordered by name: worked out from what is read once
    if selection.sort is None:
        by_name = _by_name(request, store, slug, selection, used)
        count = len(by_name.iris)
    else:
        if address.q.strip():  # matched once; a few matches are then listed
            matched = _select(request, store, f"SELECT ?s WHERE {{ {selection.matches()} }}")
            if len(matched) <= LISTED_MATCHES:
                selection = selection.listed([URIRef(row["s"]) for row in matched])
        count = _count(request, store, selection.count())
    paged = fmt is f.HTML or address.page is not None or address.per_page is not None
    if not paged:  # a download: every row, streamed
        iris = by_name.iris if by_name is not None else _iris(store, selection.ordered())
        only = address.stated is not None
        return _download(store, base, kind, fmt, iris, chosen, lang, count, local, judged, only)
    per_page = address.per_page or PER_PAGE
    page = address.page or 1
    pages = max(1, -(-count // per_page))
    if page > pages:
        return _text(
            400, f"page={page}: there {'is' if pages == 1 else 'are'} {pages} page(s) of {per_page}"
        )
    offset = (page - 1) * per_page
    if by_name is not None:
        iris = by_name.iris[offset : offset + per_page]
    else:
        iris = _iris(store, selection.ordered(per_page, offset))
    rows, columns = rows_of(store, base, iris, chosen, lang, judged, address.stated is not None)
    if by_name is not None:
        counts = by_name.counts
    else:

        def counts(facet: Facet) -> list[tuple[Identifier, int]]:
            rows = _select(request, store, selection.facet_counts(facet))
            return [(row["value"], int(row["n"])) for row in rows if row.get("value") is not None]

    facet_list = _facet_counts(store, facets, counts, address, base, lang)
    paging = {"page": page, "per_page": per_page, "pages": pages,
              "first": (page - 1) * per_page + 1 if rows else 0,
              "last": (page - 1) * per_page + len(rows)}  # fmt: skip
    if fmt is f.JSON:
        body = {
            "kind": slug,
            "lang": lang,
            "total": kind.count,
            "count": count,
            **paging,
            "columns": [{"key": c.key, "iri": c.iri, "name": c.name} for c in columns],
            "facets": facet_list,
            "rows": [_row_json(row, columns, local) for row in rows],
        }
        return JSONResponse(body, headers={"Vary": VARY})
    if fmt is f.CSV:
        text = _csv_lines(rows, columns, _header(columns, lang))
        return Response(text, media_type=f.CSV.content_type, headers={"Vary": VARY})
    root = request.scope.get("root_path", "").rstrip("/")
    download = address.query(page=None, per_page=None)
    if address.stated:
        switch: tuple[str, str] | None = ("show_all", address.query(stated=None, page=None))
    elif any(row.judgements() for row in rows):
        switch = ("stated_only", address.query(stated=STATED_ONLY, page=None))
    else:
        switch = None

    def sort_href(key: str) -> str:
        flip = key == address.sort and not address.descending
        return address.query(sort=key, desc="true" if flip else None, page=None)

    nav = {
        "first": address.query(page=None) if page > 1 else None,
        "previous": address.query(page=page - 1 if page > 2 else None) if page > 1 else None,
        "next": address.query(page=page + 1) if page < pages else None,
        "last": address.query(page=pages) if page < pages else None,
    }
    return templates.TemplateResponse(
        request,
        "browse_kind.html",
        {
            "lang": lang,
            "words": words_table(lang, "browse"),
            "kind": kind,
            "rows": rows,
            "columns": columns,
            "count": count,
            "total": kind.count,
            "paging": paging,
            "nav": nav,
            "facets": facet_list,
            "address": address,
            "q": address.q,
            "sort": address.sort,
            "descending": address.descending,
            "sort_href": sort_href,
            "stated": switch,
            "href": local,
            "downloads": [
                (name.upper(), f"{root}/{slug}.{name}{download if download != '?' else ''}")
                for name in ("csv", "json")
            ],
        },
        headers={"Vary": VARY},
    )


def _download(
    store: Store,
    base: str,
    kind: Kind,
    fmt: f.Format,
    iris: list[URIRef],
    chosen: list[URIRef],
    lang: str,
    count: int,
    local: LocalHref,
    judged: Claims,
    only: bool,
) -> Response:
    """Every selected row as CSV or JSON, streamed (as datasette's ``_stream``)."""
    columns = columns_of(store, chosen, lang)
    if fmt is f.CSV:
        head = _csv_lines([], columns, _header(columns, lang))
        body = _stream(
            store,
            base,
            iris,
            chosen,
            lang,
            (head, lambda rows: _csv_lines(rows, columns), ""),
            judged,
            only,
        )
        disposition = f'inline; filename="{kind.slug}.csv"'
        return StreamingResponse(
            body,
            media_type=f.CSV.content_type,
            headers={"Vary": VARY, "Content-Disposition": disposition},
        )
    started: list[bool] = []

    def json_lines(rows: list[Row]) -> str:
        items = ",".join(
            json.dumps(_row_json(row, columns, local), ensure_ascii=False) for row in rows
        )
        comma = "," if started and items else ""
        started.append(bool(items))
        return comma + items

    head = json.dumps(
        {"kind": kind.slug, "lang": lang, "total": kind.count, "count": count,
         "columns": [{"key": c.key, "iri": c.iri, "name": c.name} for c in columns]},
        ensure_ascii=False,
    )  # fmt: skip
    parts = (head[:-1] + ', "rows": [', json_lines, "]}")
    body = _stream(store, base, iris, chosen, lang, parts, judged, only)
    return StreamingResponse(body, media_type=f.JSON.content_type, headers={"Vary": VARY})
