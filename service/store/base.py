"""The store interface every backend implements.

Internal callers (linked data, pages, saved questions) use ``select``/``ask``/``construct``
with trusted query text. A client's query from the public endpoint is a
:class:`SparqlRequest` the store answers itself with :meth:`Store.sparql` — guards, timeout
and serialisation included — so the protocol never needs to know how (worker processes over
an embedded engine, or HTTP to a remote one).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rdflib import Dataset, Graph
from rdflib.term import Identifier, URIRef


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT query: variable names and, per row, the bound terms."""

    variables: list[str]
    rows: list[dict[str, Identifier]] = field(default_factory=list)


@dataclass(frozen=True)
class SparqlRequest:
    """One client query, with everything needed to answer it."""

    query: str
    accept: str | None = None
    format: str | None = None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    max_rows: int | None = None


@dataclass(frozen=True)
class SparqlReply:
    """An HTTP answer: status, media type, body; ``truncated`` when max_rows cut it."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False

    @classmethod
    def error(cls, status: int, message: str) -> "SparqlReply":
        return cls(status, "text/plain", (message.rstrip() + "\n").encode("utf-8"))


class Store(Protocol):
    """Read-only access to a dataset: a default graph plus named graphs."""

    name: str

    def select(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> SelectResult:
        """Run a SELECT query; ``bindings`` pre-bind variables (never pasted into the text)."""
        ...

    def ask(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> bool: ...

    def construct(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query and return the triples."""
        ...

    def triple_count(self) -> int:
        """Quads in the whole dataset (default graph plus named graphs)."""
        ...

    def named_graphs(self) -> Sequence[URIRef]: ...

    def dataset(self) -> Dataset:
        """The whole dataset as an rdflib Dataset (for dumps and validation)."""
        ...

    def sparql(self, request: SparqlRequest) -> SparqlReply:
        """Answer a client's query: refuse what the endpoint refuses, stop it at the timeout."""
        ...

    def configure_queries(self, workers: int, timeout: float) -> None:
        """How many client queries :meth:`sparql` runs at once, and how long each may run."""
        ...

    def start(self) -> None:
        """Get ready to answer client queries now rather than on the first one."""
        ...

    def close(self) -> None:
        """Release what answering client queries holds (worker processes, connections)."""
        ...
