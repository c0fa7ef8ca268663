"""The default backend: pyoxigraph's in-memory store, answers converted to rdflib terms."""

from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from .base import SelectResult
from .querying import (
    PooledSparql,
    QueryError,
    QueryResult,
    QuerySyntaxError,
    TypedQueries,
    binding_name,
)

_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Identifier:
    """An oxigraph term as the equal rdflib term (plain literals for xsd:string)."""
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
    raise QueryError("the answer holds an RDF 1.2 triple term, which cannot be returned")


def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as an oxigraph term (for bindings); ValueError if it has no equivalent."""
    try:
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
    except ValueError as error:
        raise QueryError(f"cannot bind {term!r}: {error}") from error
    raise QueryError(f"cannot bind {term!r}: only IRIs, blank nodes and literals can be bound")


def _graph_names(iris: Sequence[str]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(iri) for iri in iris]
    except ValueError as error:
        raise QueryError(f"invalid graph IRI: {error}") from error


class OxigraphStore(TypedQueries, PooledSparql):
    """A read-only dataset in a pyoxigraph in-memory Store."""

    name = "oxigraph"

    def __init__(self, store: ox.Store | None = None) -> None:
        super().__init__()
        self._store = store if store is not None else ox.Store()

    @classmethod
    def from_nquads(cls, data: bytes) -> "OxigraphStore":
        store = ox.Store()
        if data.strip():
            store.bulk_load(data, ox.RdfFormat.N_QUADS)
        return cls(store)

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> "OxigraphStore":
        data = dataset.serialize(format="nquads", encoding="utf-8")
        return cls.from_nquads(data if isinstance(data, bytes) else data.encode("utf-8"))

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
        max_rows: int | None = None,
    ) -> QueryResult:
        options: dict[str, Any] = {}
        if default_graphs is not None or named_graphs is not None:
            options["default_graph"] = _graph_names(default_graphs or [])
            options["named_graphs"] = _graph_names(named_graphs or [])
        if bindings:
            options["substitutions"] = {
                ox.Variable(binding_name(k)): to_oxigraph(v) for k, v in bindings.items()
            }
        try:
            answer = self._store.query(sparql, base_iri=base_iri, **options)
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from error
        except (RuntimeError, ValueError, OSError) as error:
            raise QueryError(str(error)) from error
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            return self._solutions(answer, max_rows)
        return self._triples(answer, max_rows)

    @staticmethod
    def _solutions(answer: ox.QuerySolutions, max_rows: int | None) -> QueryResult:
        variables = [v.value for v in answer.variables]
        rows: list[dict[str, Identifier]] = []
        for solution in _limited(answer, max_rows):
            row = {}
            for name in variables:
                term = solution[name]
                if term is not None:
                    row[name] = to_rdflib(term)
            rows.append(row)
        truncated = max_rows is not None and next(answer, None) is not None
        return QueryResult(SelectResult(variables, rows), truncated)

    @staticmethod
    def _triples(answer: ox.QueryTriples, max_rows: int | None) -> QueryResult:
        graph = Graph()
        for triple in _limited(answer, max_rows):
            subject = to_rdflib(triple.subject)
            obj = to_rdflib(triple.object)
            graph.add((subject, URIRef(triple.predicate.value), obj))
        truncated = max_rows is not None and next(answer, None) is not None
        return QueryResult(graph, truncated)

    def triple_count(self) -> int:
        return len(self._store)

    def named_graphs(self) -> list[URIRef]:
        return sorted(
            URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)
        )

    def nquads(self) -> bytes:
        return self._store.dump(format=ox.RdfFormat.N_QUADS) or b""

    def dataset(self) -> Dataset:
        dataset = Dataset()
        dataset.parse(data=self.nquads().decode("utf-8"), format="nquads")
        return dataset


_T = TypeVar("_T")


def _limited(items: Iterable[_T], max_rows: int | None) -> Iterable[_T]:
    return items if max_rows is None else islice(items, max_rows)
