"""The reference backend: rdflib's own SPARQL engine over an rdflib Dataset.

The default graph is the dataset's default graph, not the union of all graphs, as on the
oxigraph backend; FROM / FROM NAMED and the protocol's dataset parameters pick graphs out of
the dataset and never fetch anything (rdflib would otherwise try to load unknown graph IRIs
from the web, so that switch is turned off for the whole process here).
"""

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

import pyoxigraph as ox
import rdflib.plugins.sparql
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.sparql.evaluate import evalQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.processor import SPARQLResult, prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier

from ..query_text import RDFLIB_PARSING
from ..terms import dataset_of
from .base import SelectResult
from .pooled import PooledSparql
from .querying import QueryError, QueryResult, QuerySyntaxError, TypedQueries, binding_name

# FROM <iri> of a graph the dataset lacks must mean "empty", never "download it".
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


def _prepare(sparql: str, base_iri: str | None) -> Query:
    try:
        with RDFLIB_PARSING:
            return prepareQuery(sparql, base=base_iri)
    except Exception as error:  # pyparsing and rdflib raise several types for bad input
        raise QuerySyntaxError(str(error) or repr(error)) from error


def _dataset_clause(default_graphs: Sequence[str], named_graphs: Sequence[str]) -> list[CompValue]:
    clause = [CompValue("DatasetClause", default=URIRef(g)) for g in default_graphs]
    clause += [CompValue("DatasetClause", named=URIRef(g)) for g in named_graphs]
    # An empty clause would mean "the whole dataset"; a protocol dataset with no default
    # graph IRIs has an empty default graph, which a clause naming a graph we lack gives.
    return clause or [CompValue("DatasetClause", named=URIRef("urn:x-samverkan:no-graph"))]


def _check_projection(query: Query, bindings: Mapping[str, Identifier]) -> None:
    """SEP-0007, as on oxigraph: a SELECT query can only bind variables it projects."""
    if query.algebra.name != "SelectQuery":
        return
    projected = {str(v) for v in query.algebra.get("PV") or []}
    for name in bindings:
        if binding_name(name) not in projected:
            raise QueryError(
                f"The SPARQL query does not contain variable ?{binding_name(name)} "
                "in its SELECT projection"
            )


class RdflibStore(TypedQueries, PooledSparql):
    """A read-only dataset in an rdflib Dataset, queried with rdflib's SPARQL engine."""

    name = "rdflib"
    on_disk = False

    def __init__(self, dataset: Dataset | None = None) -> None:
        super().__init__()
        self._dataset = dataset if dataset is not None else Dataset()
        if self._dataset.default_union:
            raise ValueError(
                "RdflibStore needs a Dataset whose default graph is not the union of its "
                "graphs (default_union=False)"
            )
        # rdflib's parser and memory store are not documented as thread-safe.
        self._lock = threading.Lock()

    @classmethod
    def from_nquads(cls, data: bytes) -> "RdflibStore":
        dataset = Dataset()
        if data.strip():
            dataset.parse(data=data.decode("utf-8"), format="nquads")
        return cls(dataset)

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> "RdflibStore":
        return cls(dataset)

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> "RdflibStore":
        """A store holding ``quads`` (parsed files' quads, converted to rdflib terms)."""
        return cls(dataset_of(quads))

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
        with self._lock:
            prepared = _prepare(sparql, base_iri)
            if bindings:
                _check_projection(prepared, bindings)
            if default_graphs is not None or named_graphs is not None:
                prepared.algebra["datasetClause"] = _dataset_clause(
                    default_graphs or [], named_graphs or []
                )
            init = {binding_name(k): v for k, v in (bindings or {}).items()}
            try:
                answer = SPARQLResult(evalQuery(self._dataset, prepared, init))
                return self._collect(answer, max_rows)
            except QueryError:
                raise
            except Exception as error:  # rdflib's evaluator raises plain Exceptions
                raise QueryError(str(error) or repr(error)) from error

    @staticmethod
    def _collect(answer: SPARQLResult, max_rows: int | None) -> QueryResult:
        if answer.type == "ASK":
            return QueryResult(bool(answer.askAnswer))
        if answer.type == "SELECT":
            variables = [str(v) for v in answer.vars or []]
            solutions: Iterator[Any] = iter(answer)
            rows = [
                {str(k): v for k, v in row.asdict().items() if v is not None}
                for row in (solutions if max_rows is None else islice(solutions, max_rows))
            ]
            truncated = max_rows is not None and next(solutions, None) is not None
            return QueryResult(SelectResult(variables, rows), truncated)
        graph = answer.graph if answer.graph is not None else Graph()
        if max_rows is not None and len(graph) > max_rows:
            kept = Graph()
            for triple in islice(graph, max_rows):
                kept.add(triple)
            return QueryResult(kept, True)
        return QueryResult(graph, False)

    def triple_count(self) -> int:
        return sum(1 for _ in self._dataset.quads((None, None, None, None)))

    def named_graphs(self) -> list[URIRef]:
        return sorted(
            graph.identifier
            for graph in self._dataset.graphs()
            if isinstance(graph.identifier, URIRef)
            and graph.identifier != DATASET_DEFAULT_GRAPH_ID
            and len(graph) > 0
        )

    def nquads(self) -> bytes:
        data = self._dataset.serialize(format="nquads", encoding="utf-8")
        return data if isinstance(data, bytes) else data.encode("utf-8")

    def dataset(self) -> Dataset:
        return self._dataset
