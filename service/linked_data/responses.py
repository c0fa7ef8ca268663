"""Answer with a graph as RDF or as an HTML page, chosen by content negotiation.

Shared by the resource pages, the ontology and the dataset description.
"""

from collections.abc import Sequence
from functools import partial
from urllib.parse import urlencode

from fastapi import Request, Response
from fastapi.responses import PlainTextResponse
from rdflib import Graph, URIRef

from .. import formats as f
from ..claims import STATED_ONLY, STATED_PARAM, Claims, stated_only
from ..deps import request_language, request_links
from ..evidence import Evidence, Source, covering, evidence, sources
from ..formats import Format
from ..negotiation import NotAcceptable, choose
from ..pages import templates
from ..paging import BadPage
from ..serialize import serialize_graph
from ..settings import Settings
from ..store.base import Store
from ..words import say, words_table
from . import identifiers as ids
from . import neighbourhood
from .incoming import IncomingPage
from .summary import Summary, is_organisation, partner_summary
from .view import Labeller, ResourceView, Row, build_view

#: The order of the groups of properties on a page.
GROUPS = ("text", "time", "links")


def grouped(
    rows: list[Row], found: list[Evidence] | None = None
) -> list[tuple[str, list[Row], list[Evidence]]]:
    """Rows by group (texts, dates, links), empty groups left out, each with the evidence
    that states one of its properties (where in which source)."""
    groups = [(g, [r for r in rows if r.group == g]) for g in GROUPS]
    return [
        (g, members, covering(found or [], {r.iri for r in members}))
        for g, members in groups
        if members
    ]


#: The RDF forms linked from every page.
RDF_FORMS = (f.TURTLE, f.JSONLD, f.NTRIPLES, f.RDFXML)

VARY_HTML = "Accept, Accept-Language"


def negotiate(request: Request, offered: Sequence[Format], extension: str | None = None) -> Format:
    """The format to answer with: an extension, then ``?format=``, then Accept."""
    format_param = extension or request.query_params.get("format")
    return choose(offered, request.headers.get("accept"), format_param)


def rdf_response(graph: Graph, fmt: Format) -> Response:
    """``graph`` in an RDF syntax."""
    # A fresh graph carries only the core prefixes plus the project's (added when
    # serialising), not every vocabulary rdflib knows: JSON-LD contexts stay short.
    clean = Graph(bind_namespaces="core")
    for triple in graph:
        clean.add(triple)
    body = serialize_graph(clean, fmt)
    return Response(body, media_type=fmt.content_type, headers={"Vary": "Accept"})


def not_acceptable(error: NotAcceptable) -> Response:
    message = f"Not acceptable: {error}"
    return PlainTextResponse(message, status_code=406, headers={"Vary": "Accept"})


def not_found(request: Request, iri: str) -> Response:
    """404 as a page for browsers, as text for everyone else."""
    try:
        wants_html = choose((f.TEXT, f.HTML), request.headers.get("accept")) is f.HTML
    except NotAcceptable:
        wants_html = False
    if not wants_html:
        return PlainTextResponse(f"Not found: no triples about <{iri}>", 404, {"Vary": "Accept"})
    lang = request_language(request)
    context = {"lang": lang, "words": words_table(lang, "resource"), "view": None, "missing": iri}
    return templates.TemplateResponse(
        request, "resource.html", context, status_code=404, headers={"Vary": VARY_HTML}
    )


def about_query(subject: URIRef) -> str:
    """A query about one resource, for the query page: what it says and what points to it."""
    return (
        f"SELECT ?property ?value ?direction WHERE {{\n"
        f'  {{ {subject.n3()} ?property ?value . BIND("out" AS ?direction) }}\n'
        f'  UNION {{ ?value ?property {subject.n3()} . BIND("in" AS ?direction) }}\n'
        f"}}\nORDER BY ?direction ?property\n"
    )


def html_response(
    request: Request,
    settings: Settings,
    graph: Graph,
    subject: URIRef,
    terms: Sequence[URIRef] = (),
    store: Store | None = None,
    claims: Claims | None = None,
    links: IncomingPage | None = None,
) -> Response:
    """The resource page for ``subject``; ``terms`` are drawn below it with their anchors;
    ``links`` says which page of the links to it the graph holds.

    Given the ``store``, a resource of ours gets a picture of its neighbourhood, and an
    organisation a summary of its partnerships, agreements, units and projects.
    """
    lang = request_language(request)
    local = request_links(request)
    labeller = Labeller(graph, lang, local, claims)
    view = build_view(graph, subject, labeller)
    summary = Summary()
    picture = None
    found: list[Evidence] = []
    cited: dict[str, Source] = {}
    external: list[ids.ExternalId] = []
    if store is not None and not terms:
        found = evidence(store, lang, subject)
        cited = sources(store, lang)
    if store is not None and not terms and str(subject).startswith(settings.base_iri):
        if is_organisation(store, subject):
            try:
                summary = partner_summary(store, subject, lang, request.query_params)
            except BadPage as error:
                return PlainTextResponse(str(error), 400, {"Vary": VARY_HTML})
        external = ids.identifiers(store, subject, lang)
        # drawn by their labels: an unlabelled neighbour (evidence, a language's IRI) is
        # in the tables only, never a prefixed name or an address in the picture
        labelled = [
            (labeller.label(n.iri), n.outgoing) for n in neighbourhood.neighbours(graph, subject)
        ]
        names = [(name, outgoing) for name, outgoing in labelled if name]
        if names:
            picture = neighbourhood.render(labeller.label(subject) or "", names)
    term_views: list[ResourceView] = [
        build_view(graph, term, labeller, anchor=str(term).rpartition("#")[2]) for term in terms
    ]
    page = local(str(subject)) or request.url.path
    joined = page + ("&" if "?" in page else "?")  # /external?iri=… has a query already
    root = request.scope.get("root_path", "").rstrip("/")
    context = {
        "sparql_href": f"{root}/?{urlencode({'query': about_query(subject)})}",
        "lang": lang,
        "words": words_table(lang, "resource"),
        "view": view,
        "terms": sorted(term_views, key=lambda t: t.title.casefold()),
        "forms": [(fmt.name, f"{joined}format={fmt.short}", fmt.media_type) for fmt in RDF_FORMS],
        "switch": f"{joined}lang={words_table(lang, 'resource')['other']}",
        "outside": not str(subject).startswith(settings.base_iri),
        "groups": grouped(view.properties, found),
        "whole": [e for e in found if not e.properties],
        "cited": cited,
        "identifiers": external,
        "summary": summary,
        "part_nav": {
            key: part.paging.nav(partial(_part_href, request, key))
            for key, part in summary.parts.items()
        },
        "browse_words": words_table(lang, "browse"),
        "picture": picture,
        "href": local,
        "stated": _stated_switch(request, page, view),
        "links": links,
        "pager_words": {
            **words_table(lang, "browse"),
            "pages": say(lang, "resource.incoming_pages"),
        },
    }
    return templates.TemplateResponse(
        request, "resource.html", context, headers={"Vary": VARY_HTML}
    )


def _part_href(request: Request, part: str, page: int) -> str:
    """The address of page ``page`` of a summary's part (the reader's other choices kept)."""
    kept = {k: v for k, v in request.query_params.items() if k not in ("part", "page")}
    if page > 1 or "per_page" in kept:
        kept |= {"part": part, **({"page": str(page)} if page > 1 else {})}
    return f"?{urlencode(kept)}#summary-{part}" if kept else f"{request.url.path}#summary-{part}"


def _judged(rows: Sequence[Row]) -> bool:
    return any(v.judgement or _judged(v.nested) for row in rows for v in row.values)


def _stated_switch(request: Request, page: str, view: ResourceView) -> tuple[str, str] | None:
    """The link between the whole page and its stated-only view: (key of its words, href)."""
    if stated_only(request.query_params):
        return "show_all", page
    if _judged(view.properties) or _judged(view.incoming):
        return "stated_only", f"{page}?{STATED_PARAM}={STATED_ONLY}"
    return None


def graph_response(
    request: Request,
    settings: Settings,
    graph: Graph,
    subject: URIRef,
    fmt: Format,
    terms: Sequence[URIRef] = (),
    store: Store | None = None,
    claims: Claims | None = None,
    links: IncomingPage | None = None,
) -> Response:
    """``graph`` about ``subject`` in the negotiated format (RDF or the HTML page)."""
    if fmt is f.HTML:
        return html_response(request, settings, graph, subject, terms, store, claims, links)
    return rdf_response(graph, fmt)
