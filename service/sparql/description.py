"""The SPARQL 1.1 Service Description of the endpoint (what GET /sparql without a query says)."""

from typing import Final

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ..formats import RESULT_FORMATS
from ..namespaces import SD, VOID
from ..store.base import Store

#: The W3C format IRI of every media type the endpoint can send.
FORMAT_IRIS: Final = {f.media_type: URIRef(f.iri) for f in RESULT_FORMATS if f.iri}
SIMPLE_ENTAILMENT: Final = URIRef("http://www.w3.org/ns/entailment/Simple")

_DEFAULT_COUNT: Final = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
_GRAPH_COUNTS: Final = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _count(term: object) -> Literal:
    return Literal(int(str(term)), datatype=XSD.integer)


def service_description(endpoint: str, store: Store) -> Graph:
    """Describe the endpoint at ``endpoint`` serving ``store``.

    Only what holds is claimed: SPARQL 1.1 Query (no Update, no federation: SERVICE is
    refused), the default graph is the dataset's default graph (not the union).
    """
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service, dataset, default_graph = BNode(), BNode(), BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.defaultEntailmentRegime, SIMPLE_ENTAILMENT))
    for iri in FORMAT_IRIS.values():
        graph.add((service, SD.resultFormat, iri))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    default_rows = store.select(_DEFAULT_COUNT).rows
    if default_rows and "n" in default_rows[0]:
        graph.add((default_graph, VOID.triples, _count(default_rows[0]["n"])))
    counts = {row["g"]: row["n"] for row in store.select(_GRAPH_COUNTS).rows if "g" in row}
    for name in store.named_graphs():
        named, described = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, name))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        if name in counts:
            graph.add((described, VOID.triples, _count(counts[name])))
    return graph
