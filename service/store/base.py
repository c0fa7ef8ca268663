"""The store interface every backend implements.

Internal callers (linked data, pages, saved questions) use ``select``/``ask``/``construct``
with trusted query text. A client's query from the public endpoint is a
:class:`SparqlRequest` the store answers itself with :meth:`Store.sparql` — guards, timeout
and serialisation included — so the protocol never needs to know how (worker processes over
an embedded engine, or HTTP to a remote one).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from rdflib import Dataset, Graph
from rdflib.term import Identifier, URIRef

from ..query_text import in_query_order
from ..results import SelectResult as SelectResult  # part of the contract, defined below it


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
    #: Values pre-bound to variables (SEP-0007), for trusted callers such as saved questions.
    bindings: Mapping[str, Identifier] | None = None
    #: Reply with the answer itself (``SparqlReply.value``) rather than bytes in a format.
    typed: bool = False


@dataclass(frozen=True)
class SparqlReply:
    """An HTTP answer: status, media type, body; ``truncated`` when max_rows cut it."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False
    #: The answer itself, for a ``typed`` request.
    value: "SelectResult | bool | Graph | None" = None

    @classmethod
    def error(cls, status: int, message: str) -> "SparqlReply":
        return cls(status, "text/plain", (message.rstrip() + "\n").encode("utf-8"))


class QueryUnavailable(RuntimeError):
    """A trusted query got no answer: timeout, busy workers or an unreachable engine."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


#: The headers of an answer cut at ``max_rows`` (the endpoint's and the saved questions').
TRUNCATED_HEADER: Final = "X-Result-Truncated"
MAX_ROWS_HEADER: Final = "X-SPARQL-MaxRows"


def truncation_headers(max_rows: int) -> dict[str, str]:
    """What an answer cut at ``max_rows`` rows says in its headers."""
    return {TRUNCATED_HEADER: "true", MAX_ROWS_HEADER: str(max_rows)}


def run_bound(
    store: "Store", sparql: str, bindings: Mapping[str, Identifier] | None = None
) -> SelectResult | bool | Graph:
    """Run trusted query text with ``bindings`` under the store's query timeout.

    Raises :class:`QueryUnavailable` (with an HTTP status) when it gets no answer in time and
    ``ValueError`` (the store's QueryError) when the query fails.
    """
    return run_bound_capped(store, sparql, bindings)[0]


def run_bound_capped(
    store: "Store",
    sparql: str,
    bindings: Mapping[str, Identifier] | None = None,
    max_rows: int | None = None,
) -> tuple[SelectResult | bool | Graph, bool]:
    """:func:`run_bound` with at most ``max_rows`` rows, and whether the answer was cut."""
    reply = store.sparql(SparqlRequest(sparql, bindings=bindings, typed=True, max_rows=max_rows))
    if reply.status == 200 and reply.value is not None:
        if isinstance(reply.value, SelectResult):
            return in_query_order(sparql, reply.value), reply.truncated
        return reply.value, reply.truncated
    message = reply.body.decode("utf-8", "replace").strip()
    if reply.status >= 500:
        raise QueryUnavailable(reply.status, message)
    raise ValueError(message)


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

    async def sparql_async(self, request: SparqlRequest) -> SparqlReply:
        """:meth:`sparql` for the event loop (the endpoint): the same answer, fewer threads."""
        ...

    def configure_queries(self, workers: int, timeout: float, memory: int | None = None) -> None:
        """How many client queries :meth:`sparql` runs at once, how long each may run, and
        how many bytes a worker may grow by answering one (None: no bound)."""
        ...

    def start(self) -> None:
        """Get ready to answer client queries now rather than on the first one."""
        ...

    def close(self) -> None:
        """Release what answering client queries holds (worker processes, connections)."""
        ...
