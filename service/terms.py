"""Oxigraph terms as the equal rdflib terms: for the validator, the stores and their answers.

Files are parsed by Oxigraph (``loading/rdf.py``) and go into the engines as Oxigraph quads;
whatever reads them with rdflib (the validator, the rdflib backend, answers as rdflib terms)
converts them here.
"""

from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Identifier

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def rdflib_term(term: object) -> Identifier:
    """An Oxigraph term as the equal rdflib term (plain literals for xsd:string)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise ValueError(f"an RDF 1.2 triple term has no rdflib equivalent: {term}")


def rdflib_terms() -> Callable[[object], Identifier]:
    """:func:`rdflib_term` remembering what it converted: answers repeat their terms (an IRI
    on every row), and making an rdflib term, a literal's value above all, is not cheap."""
    cache: dict[object, Identifier] = {}

    def convert(term: object) -> Identifier:
        found = cache.get(term)
        if found is None:
            found = cache[term] = rdflib_term(term)
        return found

    return convert


def rdflib_quads(
    quads: Iterable[ox.Quad],
) -> Iterator[tuple[Identifier, Identifier, Identifier, Identifier | None]]:
    """The quads as rdflib terms (None for the default graph); repeated terms converted once."""
    convert = rdflib_terms()
    for quad in quads:
        graph = quad.graph_name
        name = None if isinstance(graph, ox.DefaultGraph) else convert(graph)
        yield convert(quad.subject), convert(quad.predicate), convert(quad.object), name


def dataset_of(quads: Iterable[ox.Quad]) -> Dataset:
    """The quads as one rdflib Dataset (default graph not the union)."""
    dataset = Dataset()
    for s, p, o, g in rdflib_quads(quads):
        target = dataset.default_graph if g is None else dataset.graph(g)
        target.add((s, p, o))
    return dataset
