"""Whole-dataset routes: dumps in several syntaxes, the VoID/DCAT description and the
DCAT-AP-SE catalogue (``/catalog``, ``/catalog.rdf``, ``/catalog.ttl``, …)."""

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, PlainTextResponse
from rdflib import Graph, Literal

from .. import formats as f
from ..catalog import DUMPS, catalog_graph, catalog_iri, dataset_iri
from ..deps import SettingsDep, StoreDep
from ..formats import Format
from ..i18n import LANGUAGES
from ..namespaces import RDFS, VOID
from ..negotiation import NotAcceptable
from .describe import labels_of_used_terms
from .dump_files import DumpFiles, matches
from .responses import graph_response, negotiate, not_acceptable
from .view import Labeller
from .void import void_graph

router = APIRouter(tags=["linked data"])

DUMP_NAME = "samverkan-kg"


def _dump(request: Request, fmt: Format) -> Response:
    """The dump from its file (written on the first request): its length, its ETag, and 304
    when the client already has it."""
    dumps: DumpFiles = request.app.state.dumps
    written = dumps.get(fmt)
    filename = f"{DUMP_NAME}.{fmt.extension}"
    headers = {"ETag": written.etag, "Vary": "Accept", "Cache-Control": "no-cache"}
    if matches(request.headers.get("if-none-match"), written.etag):
        return Response(status_code=304, headers=headers)
    return FileResponse(
        written.path,
        media_type=fmt.content_type,
        headers={**headers, "Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/dump", summary="The whole dataset (syntax by Accept or ?format=)")
def dump(request: Request) -> Response:
    try:
        fmt = negotiate(request, f.DATASET_TYPES)
    except NotAcceptable as error:
        return not_acceptable(error)
    return _dump(request, fmt)


@router.get("/dump.{extension}", summary="The whole dataset as a file (ttl, nq, trig, jsonld)")
def dump_file(request: Request, extension: str) -> Response:
    if extension not in DUMPS:
        known = ", ".join(f"/dump.{e}" for e in DUMPS)
        return PlainTextResponse(f"Not found: no dump in that syntax (try {known})", 404)
    return _dump(request, DUMPS[extension])


@router.get("/.well-known/void", summary="The dataset described in VoID and DCAT")
@router.get("/dataset", include_in_schema=False)
def void(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    try:
        fmt = negotiate(request, f.RESOURCE_TYPES)
    except NotAcceptable as error:
        return not_acceptable(error)
    graph = void_graph(store, settings.base_iri, str(request.base_url), settings.files)
    subject = dataset_iri(settings.base_iri)
    if fmt is f.HTML:
        graph += labels_of_used_terms(store)
        _label_partitions(graph)
    return graph_response(request, settings, graph, subject, fmt)


@router.get("/catalog", summary="The DCAT-AP-SE catalogue (RDF/XML first; Turtle, JSON-LD)")
@router.head("/catalog", include_in_schema=False)
@router.get("/catalog.{extension}", include_in_schema=False)
@router.head("/catalog.{extension}", include_in_schema=False)
def catalog(
    request: Request, settings: SettingsDep, store: StoreDep, extension: str | None = None
) -> Response:
    """The catalogue a data portal harvests: catalogue, dataset, distributions, service."""
    offered = {fmt.extension: fmt for fmt in f.CATALOG_TYPES}
    if extension is not None and extension not in offered:
        known = ", ".join(f"/catalog.{e}" for e in offered)
        return PlainTextResponse(f"Not found: no catalogue in that syntax (try {known})", 404)
    try:
        fmt = negotiate(request, f.CATALOG_TYPES, extension)
    except NotAcceptable as error:
        return not_acceptable(error)
    graph = catalog_graph(store, settings.base_iri, str(request.base_url), settings.files)
    return graph_response(request, settings, graph, catalog_iri(settings.base_iri), fmt)


def _label_partitions(graph: Graph) -> None:
    """Name each class or property partition "term (count)", so the page lists them briefly."""
    for lang in LANGUAGES:
        labeller = Labeller(graph, lang, lambda iri: None)
        for term_predicate, size_predicate in (
            (VOID["class"], VOID.entities),
            (VOID.property, VOID.triples),
        ):
            for partition, term in list(graph.subject_objects(term_predicate)):
                size = graph.value(partition, size_predicate)
                name = f"{labeller.name(term)} ({size})"
                graph.add((partition, RDFS.label, Literal(name, lang=lang)))
