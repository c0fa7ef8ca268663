"""Whole-dataset routes: dumps in several syntaxes and the VoID/DCAT description."""

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from rdflib import Dataset, Graph, Literal

from .dataset_info import DUMPS, dataset_iri, void_graph
from .deps import SettingsDep, StoreDep
from .describe import labels_of_used_terms
from .namespaces import RDFS, VOID
from .rdf_responses import RESOURCE_TYPES, graph_response, negotiate, not_acceptable
from .resource_view import LANGUAGES, Labeller
from .sparql import negotiation as mt
from .sparql.results import content_type, serialize_graph

router = APIRouter(tags=["linked data"])

DUMP_NAME = "samverkan-kg"


def _merged(dataset: Dataset) -> Graph:
    """Default and named graphs merged into one graph: Turtle cannot name graphs, so a
    Turtle dump loses which graph a triple came from (the N-Quads and TriG dumps keep it)."""
    graph = Graph(bind_namespaces="core")
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _dump(store: StoreDep, media_type: str) -> Response:
    dataset = store.dataset()
    body = serialize_graph(_merged(dataset) if media_type == mt.TURTLE else dataset, media_type)
    filename = f"{DUMP_NAME}.{mt.EXTENSIONS[media_type]}"
    return Response(
        body,
        media_type=content_type(media_type),
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Vary": "Accept"},
    )


@router.get("/dump", summary="The whole dataset (syntax by Accept or ?format=)")
@router.head("/dump", include_in_schema=False)
def dump(request: Request, store: StoreDep) -> Response:
    try:
        media_type = negotiate(request, mt.DATASET_TYPES)
    except mt.NotAcceptable as error:
        return not_acceptable(error)
    return _dump(store, media_type)


@router.get("/dump.{extension}", summary="The whole dataset as a file (ttl, nq, trig, jsonld)")
@router.head("/dump.{extension}", include_in_schema=False)
def dump_file(extension: str, store: StoreDep) -> Response:
    if extension not in DUMPS:
        known = ", ".join(f"/dump.{e}" for e in DUMPS)
        return PlainTextResponse(f"Not found: no dump in that syntax (try {known})", 404)
    return _dump(store, DUMPS[extension][0])


@router.get("/.well-known/void", summary="The dataset described in VoID and DCAT")
@router.head("/.well-known/void", include_in_schema=False)
@router.api_route("/dataset", methods=["GET", "HEAD"], include_in_schema=False)
def void(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    try:
        media_type = negotiate(request, RESOURCE_TYPES)
    except mt.NotAcceptable as error:
        return not_acceptable(error)
    graph = void_graph(store, settings.base_iri, str(request.base_url))
    subject = dataset_iri(settings.base_iri)
    if media_type == mt.HTML:
        graph += labels_of_used_terms(store)
        _label_partitions(graph)
    return graph_response(request, settings, graph, subject, media_type)


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
