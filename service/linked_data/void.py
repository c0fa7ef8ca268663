"""The dataset's own description in VoID and DCAT, counted from the store."""

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, XSD

from .. import __version__
from ..formats import DATASET_TYPES
from ..i18n import LANGUAGES
from ..namespaces import DCAT, DCTERMS, FOAF, RDF, SKG, VOID
from ..paths import default_graph_files
from ..store.base import Store
from ..words import say

LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
_IANA = "https://www.iana.org/assignments/media-types/"
_EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"

#: The downloads, by file extension.
DUMPS = {fmt.extension: fmt for fmt in DATASET_TYPES if fmt.extension}

_CLASS_PARTITIONS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  { ?s a ?class } UNION { GRAPH ?g { ?s a ?class } }
} GROUP BY ?class"""
_PROPERTY_PARTITIONS = """
SELECT ?property (COUNT(*) AS ?n) WHERE {
  { ?s ?property ?o } UNION { GRAPH ?g { ?s ?property ?o } }
} GROUP BY ?property"""
_SUBJECTS = """
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"""
_OBJECTS = """
SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"""
_SOURCES = f"""PREFIX dct: <{DCTERMS}> PREFIX skg: <{SKG}>
SELECT DISTINCT ?source WHERE {{
  {{ ?x dct:source ?source }} UNION {{ GRAPH ?g {{ ?x dct:source ?source }} }}
  UNION {{ ?source a skg:SourceDocument }} UNION {{ GRAPH ?h {{ ?source a skg:SourceDocument }} }}
  FILTER(isIRI(?source))
}}"""


def dataset_iri(base_iri: str) -> URIRef:
    """The dataset's own IRI (it dereferences to this description at /dataset)."""
    return URIRef(base_iri + "dataset")


def namespace_of(iri: str) -> str:
    """The namespace of a term: everything up to its last '#' or '/'."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else iri


def _count(store: Store, query: str) -> int:
    rows = store.select(query).rows
    value = rows[0].get("n") if rows else None
    return int(value) if isinstance(value, Literal) else 0


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def _describe(graph: Graph, dataset: URIRef, base_iri: str, service: str) -> None:
    """Titles, licence, languages and where the data lives."""
    document = URIRef(service + ".well-known/void")
    graph.add((document, RDF.type, VOID.DatasetDescription))
    graph.add((document, FOAF.primaryTopic, dataset))
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    for lang in LANGUAGES:
        for predicate, word in ((DCTERMS.title, "title"), (DCTERMS.description, "description")):
            graph.add((dataset, predicate, Literal(say(lang, f"dataset.{word}"), lang=lang)))
    for code in ("SWE", "ENG"):
        graph.add((dataset, DCTERMS.language, URIRef(_EU_LANGUAGE + code)))
    graph.add((dataset, DCTERMS.license, LICENSE))
    graph.add((dataset, DCAT.landingPage, URIRef(service)))
    graph.add((dataset, VOID.uriSpace, Literal(base_iri)))


def _partitions(graph: Graph, dataset: URIRef, store: Store) -> None:
    """Counts, class and property partitions, and the vocabularies they come from."""
    graph.add((dataset, VOID.triples, _integer(store.triple_count())))
    graph.add((dataset, VOID.distinctSubjects, _integer(_count(store, _SUBJECTS))))
    graph.add((dataset, VOID.distinctObjects, _integer(_count(store, _OBJECTS))))
    used: set[str] = set()
    kinds = (
        (_CLASS_PARTITIONS, "class", VOID.classes, VOID.classPartition, VOID["class"]),
        (_PROPERTY_PARTITIONS, "property", VOID.properties, VOID.propertyPartition, VOID.property),
    )
    for query, variable, total, link, term_predicate in kinds:
        rows = store.select(query).rows
        graph.add((dataset, total, _integer(len(rows))))
        for row in rows:
            term, number = row.get(variable), row.get("n")
            if not isinstance(term, URIRef) or not isinstance(number, Literal):
                continue
            partition = BNode()
            graph.add((dataset, link, partition))
            graph.add((partition, term_predicate, term))
            size = VOID.entities if variable == "class" else VOID.triples
            graph.add((partition, size, _integer(int(number))))
            used.add(namespace_of(str(term)))
    for namespace in sorted(used):
        graph.add((dataset, VOID.vocabulary, URIRef(namespace)))


def _distributions(graph: Graph, dataset: URIRef, service: str) -> None:
    """The dumps and the SPARQL endpoint, in VoID and in DCAT."""
    endpoint = URIRef(service + "sparql")
    graph.add((dataset, VOID.sparqlEndpoint, endpoint))
    for extension, fmt in DUMPS.items():
        url = URIRef(f"{service}dump.{extension}")
        graph.add((dataset, VOID.dataDump, url))
        graph.add((dataset, VOID.feature, URIRef(str(fmt.iri))))
        distribution = BNode()
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCTERMS.title, Literal(f"{fmt.name} dump")))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCAT.accessURL, url))
        graph.add((distribution, DCAT.mediaType, URIRef(_IANA + fmt.media_type)))
        graph.add((distribution, DCTERMS.license, LICENSE))
    api = BNode()
    graph.add((api, RDF.type, DCAT.DataService))
    graph.add((api, DCTERMS.title, Literal("SPARQL 1.1 endpoint")))
    graph.add((api, DCAT.endpointURL, endpoint))
    graph.add((api, DCAT.endpointDescription, endpoint))
    graph.add((api, DCAT.servesDataset, dataset))
    graph.add((api, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    access = BNode()
    graph.add((dataset, DCAT.distribution, access))
    graph.add((access, RDF.type, DCAT.Distribution))
    graph.add((access, DCTERMS.title, Literal("SPARQL 1.1 endpoint")))
    graph.add((access, DCAT.accessURL, endpoint))
    graph.add((access, DCAT.accessService, api))


def modified(files: Sequence[Path]) -> dt.date:
    """When the data last changed: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else
    the newest of the graph's files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    times = [p.stat().st_mtime for p in files if p.is_file()]
    return dt.datetime.fromtimestamp(max(times), dt.UTC).date() if times else dt.date.today()


def void_graph(store: Store, base_iri: str, service_url: str, files: Sequence[Path] = ()) -> Graph:
    """VoID + DCAT for the whole dataset; links to the service are rooted at ``service_url``.

    It carries the release (``owl:versionInfo``, ``dcat:version``), ``dct:modified`` (from
    ``files``, default the curated graph's), the licence and the source documents.
    """
    graph = Graph()
    dataset = dataset_iri(base_iri)
    graph.add((dataset, OWL.versionInfo, Literal(__version__)))
    graph.add((dataset, DCAT.version, Literal(__version__)))
    changed = modified(list(files) or default_graph_files())
    graph.add((dataset, DCTERMS.modified, Literal(changed.isoformat(), datatype=XSD.date)))
    service = service_url if service_url.endswith("/") else service_url + "/"
    _describe(graph, dataset, base_iri, service)
    _partitions(graph, dataset, store)
    _distributions(graph, dataset, service)
    for row in store.select(_SOURCES).rows:
        source = row.get("source")
        if isinstance(source, URIRef):
            graph.add((dataset, DCTERMS.source, source))
    return graph
