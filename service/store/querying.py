"""What the embedded backends share beyond the Store protocol: one general query method.

The public endpoint needs more than ``select``/``ask``/``construct``: it runs queries whose
form it does not know in advance, with the dataset chosen by the protocol's
``default-graph-uri`` / ``named-graph-uri`` parameters, a base IRI and a row limit. Both
embedded backends implement :class:`DatasetStore` so the query workers can use either.

Bindings follow SPARQL SEP-0007 (pyoxigraph's ``substitutions``): in a SELECT query a bound
variable must be in the projection. The rdflib backend enforces the same rule, so a query
that works on one backend works on the other.
"""

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from anyio import to_thread
from rdflib import Graph
from rdflib.term import Identifier

from .base import SelectResult, SparqlReply, SparqlRequest, Store

if TYPE_CHECKING:
    from .pool import WorkerPool


class QueryError(ValueError):
    """A query could not be run: bad syntax, bad bindings or an evaluation error."""


class QuerySyntaxError(QueryError):
    """The query text is not valid SPARQL (the message says where, if the parser knows)."""


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query of any form; ``truncated`` when ``max_rows`` cut it short."""

    value: SelectResult | bool | Graph
    truncated: bool = False


class DatasetStore(Store, Protocol):
    """An embedded store: the Store protocol plus general queries and an N-Quads dump."""

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

    def nquads(self) -> bytes:
        """The whole dataset as N-Quads (default graph triples without a graph label)."""
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
        return expect_select(self.query(sparql, bindings=bindings))

    def ask(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> bool:
        return expect_boolean(self.query(sparql, bindings=bindings))

    def construct(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Graph:
        return expect_graph(self.query(sparql, bindings=bindings))


def binding_name(name: str) -> str:
    """A binding key without its ``?`` or ``$`` sigil."""
    return name[1:] if name[:1] in ("?", "$") else name


class PooledSparql:
    """``Store.sparql`` for embedded engines: client queries run in a pool of worker processes.

    Workers open the store's on-disk data read-only (the rdflib backend sends each a copy
    as N-Quads), so a query past the timeout is stopped by killing its worker. The pool
    starts on the first query (or :meth:`start`) and stops with :meth:`close`; a closed
    store starts a new pool when asked.
    """

    pool_size: int = 2
    timeout: float = 30.0
    query_memory: int | None = None

    def __init__(self) -> None:
        self._pool: WorkerPool | None = None
        self._pool_lock = threading.Lock()

    def nquads(self) -> bytes:
        raise NotImplementedError

    def worker_source(self) -> tuple[str, object]:
        """Where a query worker finds the data (see :class:`~.pool.WorkerPool`)."""
        return ("nquads", self.nquads())

    name: str

    def configure_queries(self, workers: int, timeout: float, memory: int | None = None) -> None:
        """How many client queries run at once, how long each may run, how many bytes a
        worker may grow by (before the pool starts)."""
        self.pool_size, self.timeout, self.query_memory = workers, timeout, memory

    def start(self) -> None:
        """Start the workers now rather than on the first query."""
        self._running_pool()

    def _running_pool(self) -> "WorkerPool":
        with self._pool_lock:
            if self._pool is None:
                from .pool import WorkerPool  # imports the worker: only when queries come

                self._pool = WorkerPool(
                    self.worker_source(),
                    self.name,
                    workers=self.pool_size,
                    timeout=self.timeout,
                    memory=self.query_memory,
                ).start()
            return self._pool

    def sparql(self, request: SparqlRequest) -> SparqlReply:
        return self._running_pool().execute(request)

    async def sparql_async(self, request: SparqlRequest) -> SparqlReply:
        pool = self._pool  # started: no thread needed (starting one waits for the workers)
        if pool is None:
            return await to_thread.run_sync(self.sparql, request)
        return await pool.execute_async(request)

    def worker_pids(self) -> list[int]:
        """The running workers' process ids (none before the first query or after close)."""
        pool = self._pool
        return pool.worker_pids() if pool is not None else []

    def close(self) -> None:
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
