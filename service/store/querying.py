"""What the embedded backends share beyond the Store protocol: one general query method.

The public endpoint needs more than ``select``/``ask``/``construct``: it runs queries whose
form it does not know in advance, with the dataset chosen by the protocol's
``default-graph-uri`` / ``named-graph-uri`` parameters, a base IRI and a row limit. Both
embedded backends implement :class:`DatasetStore` so the query workers can use either.

Bindings follow SPARQL SEP-0007 (pyoxigraph's ``substitutions``): in a SELECT query a bound
variable must be in the projection. The rdflib backend enforces the same rule, so a query
that works on one backend works on the other.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from rdflib import Graph
from rdflib.term import Identifier

from ..formats import Format, QueryForm
from ..query_text import in_query_order
from .base import SelectResult, SparqlReply, SparqlRequest, Store


class QueryError(ValueError):
    """A query could not be run: bad syntax, bad bindings or an evaluation error."""


class QuerySyntaxError(QueryError):
    """The query text is not valid SPARQL (the message says where, if the parser knows)."""


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query of any form; ``truncated`` when ``max_rows`` cut it short."""

    value: SelectResult | bool | Graph
    truncated: bool = False


class GeneralQueries(Protocol):
    """What answers any query with the protocol's dataset, base and row cap (the embedded
    stores and a remote engine)."""

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
        """Run any read-only query.

        ``default_graphs`` / ``named_graphs`` (graph IRIs), when either is given, replace the
        dataset the query sees, FROM / FROM NAMED included, as the SPARQL Protocol says.
        ``max_rows`` limits solutions (SELECT) or triples (CONSTRUCT / DESCRIBE).
        """
        ...


class DatasetStore(Store, GeneralQueries, Protocol):
    """An embedded store: the Store protocol plus general queries and an N-Quads dump."""

    def nquads(self) -> bytes:
        """The whole dataset as N-Quads (default graph triples without a graph label)."""
        ...

    def screen(self, sparql: str) -> None:
        """Refuse (``QueryRejected``) a client's query the endpoint never runs: updates,
        SERVICE; called by the query worker before anything else."""
        ...

    def answer_bytes(
        self,
        sparql: str,
        choose_format: Callable[[QueryForm], Format],
        *,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
        max_rows: int | None = None,
    ) -> tuple[Format, bytes, bool]:
        """Run a query of any form and write its answer in the format chosen for its form:
        the format, the bytes, and whether ``max_rows`` cut the answer."""
        ...


def expect_select(result: QueryResult) -> SelectResult:
    if not isinstance(result.value, SelectResult):
        raise QueryError("not a SELECT query")
    return result.value


def expect_boolean(result: QueryResult) -> bool:
    if not isinstance(result.value, bool):
        raise QueryError("not an ASK query")
    return result.value


def expect_graph(result: QueryResult) -> Graph:
    if not isinstance(result.value, Graph):
        raise QueryError("not a CONSTRUCT or DESCRIBE query")
    return result.value


class TypedQueries:
    """select / ask / construct of the Store protocol, in terms of a general ``query``."""

    def query(
        self, sparql: str, *, bindings: Mapping[str, Identifier] | None = None
    ) -> QueryResult:
        raise NotImplementedError

    def select(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> SelectResult:
        return in_query_order(sparql, expect_select(self.query(sparql, bindings=bindings)))

    def ask(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> bool:
        return expect_boolean(self.query(sparql, bindings=bindings))

    def construct(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Graph:
        return expect_graph(self.query(sparql, bindings=bindings))


def typed_reply(store: GeneralQueries, request: SparqlRequest) -> SparqlReply:
    """A ``typed`` request's answer itself (the dataset, base and row cap it asks for kept)."""
    result = store.query(
        request.query,
        bindings=request.bindings,
        default_graphs=request.default_graphs,
        named_graphs=request.named_graphs,
        base_iri=request.base_iri,
        max_rows=request.max_rows,
    )
    return SparqlReply(200, "application/octet-stream", b"", result.truncated, result.value)


def binding_name(name: str) -> str:
    """A binding key without its ``?`` or ``$`` sigil."""
    return name[1:] if name[:1] in ("?", "$") else name
