"""What the embedded backends share beyond the contract: ``Store.sparql`` answered by a pool
of worker processes, and the worker's side of a query written by rdflib.

The pool starts a worker with ``worker_source()``: a picklable constructor and its argument,
so that the worker opens whatever backend it is given without knowing any of them.
"""

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from anyio import to_thread
from rdflib.term import Identifier

from ..formats import Format, QueryForm
from ..query_text import inspect_query
from ..serialize import serialize
from .base import SparqlReply, SparqlRequest
from .querying import DatasetStore, QueryResult

if TYPE_CHECKING:
    from .pool import WorkerPool
    from .worker import Source


class PooledSparql:
    """``Store.sparql`` for embedded engines: client queries run in a pool of worker processes.

    Workers open the store's on-disk data read-only (the rdflib backend sends each a copy
    as N-Quads), so a query past the timeout is stopped by killing its worker. The pool
    starts on the first query (or :meth:`start`) and stops with :meth:`close`; a closed
    store starts a new pool when asked.
    """

    pool_size: int = 2
    timeout: float = 30.0

    def __init__(self) -> None:
        self._pool: WorkerPool | None = None
        self._pool_lock = threading.Lock()

    def nquads(self) -> bytes:
        raise NotImplementedError

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
        raise NotImplementedError

    @classmethod
    def from_nquads(cls, data: bytes) -> DatasetStore:
        raise NotImplementedError

    def worker_source(self) -> "Source":
        """How a query worker opens the data: a picklable constructor and its argument (see
        :class:`~.pool.WorkerPool`); here, this backend's own copy from an N-Quads dump."""
        return (type(self).from_nquads, self.nquads())

    def share_with_workers(self) -> None:
        """Have the forkserver hold the data once for every worker (a backend that can)."""

    def screen(self, sparql: str) -> None:
        inspect_query(sparql)

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
        """The answer written by rdflib (a backend whose engine writes overrides this)."""
        fmt = choose_format(inspect_query(sparql))
        result = self.query(
            sparql,
            bindings=bindings,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            base_iri=base_iri,
            max_rows=max_rows,
        )
        return fmt, serialize(result.value, fmt), result.truncated

    name: str

    def configure_queries(self, workers: int, timeout: float) -> None:
        """How many client queries run at once, how long each may run (before the pool starts)."""
        self.pool_size, self.timeout = workers, timeout

    def start(self) -> None:
        """Start the workers now rather than on the first query."""
        self._running_pool()

    def _running_pool(self) -> "WorkerPool":
        with self._pool_lock:
            if self._pool is None:
                from .pool import WorkerPool  # imports the worker: only when queries come

                self._pool = WorkerPool(
                    self.worker_source(), self.name, workers=self.pool_size, timeout=self.timeout
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
