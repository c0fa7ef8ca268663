"""Answer with a graph as RDF or as an HTML page, chosen by content negotiation.

Shared by the resource pages, the ontology and the dataset description.
"""

from collections.abc import Sequence

from fastapi import Request, Response
from fastapi.responses import PlainTextResponse
from rdflib import Graph, URIRef

from .pages import templates
from .resource_view import Labeller, ResourceView, build_view, choose_language, local_href
from .settings import Settings
from .sparql import negotiation as mt
from .sparql.results import content_type, serialize_graph

#: What a resource can be had as; Turtle first, so `*/*` (curl, most RDF clients) gets RDF
#: while browsers, which rank text/html above */*, get the page.
RESOURCE_TYPES = (mt.TURTLE, mt.HTML, mt.JSONLD, mt.NTRIPLES, mt.RDFXML)
#: The RDF forms linked from every page, by the short name of ``?format=``.
RDF_FORMS = (
    ("Turtle", "ttl", mt.TURTLE),
    ("JSON-LD", "jsonld", mt.JSONLD),
    ("N-Triples", "nt", mt.NTRIPLES),
    ("RDF/XML", "rdf", mt.RDFXML),
)

VARY_HTML = "Accept, Accept-Language"
TEXT_PLAIN = "text/plain"

#: The page's own words, per language.
WORDS = {
    "sv": {
        "types": "Typ",
        "sources": "Källor",
        "properties": "Egenskaper",
        "incoming": "Länkar hit",
        "forms": "Som RDF",
        "terms": "Termer",
        "not_found": "Hittades inte",
        "not_found_text": "Det finns inga uppgifter om",
        "switch": "In English",
        "other": "en",
    },
    "en": {
        "types": "Type",
        "sources": "Sources",
        "properties": "Properties",
        "incoming": "Links here",
        "forms": "As RDF",
        "terms": "Terms",
        "not_found": "Not found",
        "not_found_text": "There is nothing known about",
        "switch": "På svenska",
        "other": "sv",
    },
}


def negotiate(request: Request, offered: Sequence[str], extension: str | None = None) -> str:
    """The media type to answer with: an extension, then ``?format=``, then Accept."""
    format_param = extension or request.query_params.get("format")
    return mt.choose(tuple(offered), request.headers.get("accept"), format_param)


def rdf_response(graph: Graph, media_type: str) -> Response:
    """``graph`` in an RDF syntax."""
    # A fresh graph carries only the core prefixes plus the project's (added when
    # serialising), not every vocabulary rdflib knows: JSON-LD contexts stay short.
    clean = Graph(bind_namespaces="core")
    for triple in graph:
        clean.add(triple)
    body = serialize_graph(clean, media_type)
    return Response(body, media_type=content_type(media_type), headers={"Vary": "Accept"})


def not_acceptable(error: mt.NotAcceptable) -> Response:
    message = f"Not acceptable: {error}"
    return PlainTextResponse(message, status_code=406, headers={"Vary": "Accept"})


def _language(request: Request) -> str:
    return choose_language(request.query_params.get("lang"), request.headers.get("accept-language"))


def not_found(request: Request, iri: str) -> Response:
    """404 as a page for browsers, as text for everyone else."""
    try:
        wants_html = mt.choose((TEXT_PLAIN, mt.HTML), request.headers.get("accept")) == mt.HTML
    except mt.NotAcceptable:
        wants_html = False
    if not wants_html:
        return PlainTextResponse(f"Not found: no triples about <{iri}>", 404, {"Vary": "Accept"})
    lang = _language(request)
    context = {"lang": lang, "words": WORDS[lang], "view": None, "missing": iri}
    return templates.TemplateResponse(
        request, "resource.html", context, status_code=404, headers={"Vary": VARY_HTML}
    )


def html_response(
    request: Request,
    settings: Settings,
    graph: Graph,
    subject: URIRef,
    terms: Sequence[URIRef] = (),
) -> Response:
    """The resource page for ``subject``; ``terms`` are drawn below it with their anchors."""
    lang = _language(request)
    local = local_href(settings.base_iri, request.scope.get("root_path", ""))
    labeller = Labeller(graph, lang, local)
    view = build_view(graph, subject, labeller)
    term_views: list[ResourceView] = [
        build_view(graph, term, labeller, anchor=str(term).rpartition("#")[2]) for term in terms
    ]
    page = local(str(subject)) or request.url.path
    context = {
        "lang": lang,
        "words": WORDS[lang],
        "view": view,
        "terms": sorted(term_views, key=lambda t: t.title.casefold()),
        "forms": [(name, f"{page}?format={short}", type_) for name, short, type_ in RDF_FORMS],
        "switch": f"{page}?lang={WORDS[lang]['other']}",
    }
    return templates.TemplateResponse(
        request, "resource.html", context, headers={"Vary": VARY_HTML}
    )


def graph_response(
    request: Request,
    settings: Settings,
    graph: Graph,
    subject: URIRef,
    media_type: str,
    terms: Sequence[URIRef] = (),
) -> Response:
    """``graph`` about ``subject`` in the negotiated ``media_type`` (RDF or the HTML page)."""
    if media_type == mt.HTML:
        return html_response(request, settings, graph, subject, terms)
    return rdf_response(graph, media_type)
