"""Linked data: every path on this service dereferences the IRI under the base.

``GET /project/ulf`` describes ``<base>project/ulf`` wherever the service runs; the answer is
RDF or an HTML page by content negotiation (``?format=`` or an extension such as
``/project/ulf.ttl`` overrides Accept). ``/ontology`` serves the whole ontology. This router
catches every path, so create_app must include it after all other routers.
"""

import re

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from rdflib import URIRef

from .. import formats as f
from ..browse.routes import kind_listing
from ..claims import claims, stated_only
from ..deps import SettingsDep, StoreDep
from ..links import EXTERNAL_PAGE, iri_of_path
from ..negotiation import NotAcceptable
from ..paging import BadPage
from ..settings import Settings
from ..store.base import Store
from ..store.querying import QueryError
from . import dataset_routes
from .describe import describe, describe_ontology, describes, incoming_count, predicate_labels
from .goal import goal_response, is_goal
from .incoming import INCOMING_PER_PAGE, IncomingPage, incoming_page
from .responses import RDF_FORMS, graph_response, negotiate, not_acceptable, not_found

router = APIRouter(tags=["linked data"])
router.include_router(dataset_routes.router)

#: Extensions that select a syntax (``/project/ulf.ttl``), by file extension.
EXTENSIONS = {fmt.extension for fmt in f.RESOURCE_TYPES}
#: Characters an IRI cannot hold (RFC 3987): such a path cannot name anything we minted.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def _is_ontology(iri: str, settings: Settings) -> bool:
    return iri == settings.base_iri + "ontology"


def _resolve(store: Store, settings: Settings, path: str) -> tuple[str, str | None] | None:
    """The IRI a path names and the syntax its extension asks for (None: nothing known)."""
    iri = iri_of_path(path, settings.base_iri)
    if describes(store, URIRef(iri)):
        return iri, None
    stem, dot, extension = path.rpartition(".")
    known = dot and extension in EXTENSIONS and "/" not in extension
    stem_iri = iri_of_path(stem, settings.base_iri)
    if known and describes(store, URIRef(stem_iri)):
        return stem_iri, extension
    return None


@router.get(f"/{EXTERNAL_PAGE}", include_in_schema=False)
def external(request: Request, settings: SettingsDep, store: StoreDep, iri: str = "") -> Response:
    """The page of an IRI outside the base that the graph describes (a reused class the
    ontology annotates): what the graph says, the IRI itself one link away."""
    if not iri or _NOT_IN_IRI.search(iri) or iri.startswith(settings.base_iri):
        return not_found(request, iri)
    try:
        if not describes(store, URIRef(iri)):
            return not_found(request, iri)
    except QueryError:
        return not_found(request, iri)
    return _answer(request, settings, store, iri, None)


@router.get("/{path:path}", include_in_schema=False)
def resource(path: str, request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    """Describe ``<base><path>``."""
    if not path or _NOT_IN_IRI.search(path):
        return not_found(request, settings.base_iri + path)
    try:
        resolved = _resolve(store, settings, path)
    except QueryError:  # not an IRI the engine accepts (e.g. U+FFFD from a bad %-escape)
        return not_found(request, settings.base_iri + path)
    if resolved is None:
        if "/" not in path:  # /partner: no resource, but maybe a kind to list (see browse)
            stem, _, listed_as = path.partition(".")
            listed = kind_listing(request, store, settings, stem, listed_as or None)
            if listed is not None:
                return listed
        return not_found(request, iri_of_path(path, settings.base_iri))
    return _answer(request, settings, store, *resolved)


def _answer(
    request: Request, settings: Settings, store: Store, iri: str, extension: str | None
) -> Response:
    """What the graph says about ``iri`` in the negotiated format: a goal's own page, else
    the resource page (a page of the links to it; the RDF holds them all), or RDF."""
    try:
        fmt = negotiate(request, f.RESOURCE_TYPES, extension)
    except NotAcceptable as error:
        return not_acceptable(error)
    subject = URIRef(iri)
    links: IncomingPage | None = None
    if _is_ontology(iri, settings):
        graph = describe_ontology(store, iri)
    elif fmt is f.HTML and is_goal(store, subject):  # its page lists what bears on it, by kind
        page = request.url.path
        forms = [(m.name, f"{page}?format={m.short}", m.media_type) for m in RDF_FORMS]
        graph = describe(store, subject, 0)
        return goal_response(request, settings, store, graph, subject, forms)
    elif fmt is f.HTML:
        try:
            links = incoming_page(request.query_params, incoming_count(store, subject))
        except BadPage as error:
            return PlainTextResponse(str(error), status_code=400)
        graph = describe(store, subject, INCOMING_PER_PAGE, links.paging.offset)
    else:
        graph = describe(store, subject)
    judged = claims(store)
    if stated_only(request.query_params):  # ?stated=only: what the sources state, no claims
        graph = judged.stated_only(graph)
    terms: list[URIRef] = []  # the ontology page draws each of its terms at its anchor
    if fmt is f.HTML:
        if _is_ontology(iri, settings):
            terms = sorted(
                {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(iri + "#")}
            )
        else:
            graph += predicate_labels(store, graph)
    return graph_response(request, settings, graph, subject, fmt, terms, store, judged, links)
