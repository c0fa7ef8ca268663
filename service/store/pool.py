"""Run client queries in a small pool of worker processes that share the store's data.

A Python thread cannot be stopped, so a query that runs past the timeout is stopped by
killing its worker; a fresh worker (forked from a forkserver that has the libraries
loaded, then opening the on-disk store read-only — or, for the rdflib reference backend,
fed the dataset as N-Quads) takes its place in the background while the other workers go
on serving. ``execute`` blocks: call it from a thread (FastAPI's threadpool).
"""

import logging
import multiprocessing
import os
import queue
import threading
import weakref
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Final

from . import worker
from .base import SparqlReply, SparqlRequest

log = logging.getLogger(__name__)

#: Workers are forked from a server process that has imported the query libraries once,
#: which is fast and safe in a threaded parent (a plain fork is not).
_CONTEXT: Final = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["service.store.worker", "service.store.preload"])


def share_with_workers(folder: str) -> None:
    """Have the forkserver hold the store in ``folder`` in memory for every worker it forks.

    Call before the first worker starts (the forkserver reads it once, at its start); see
    ``preload.py``.
    """
    from .preload import WORKER_DATA

    os.environ[WORKER_DATA] = folder


class WorkerStartError(RuntimeError):
    """A worker process could not load the dataset."""


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    pid: int = field(init=False)

    def __post_init__(self) -> None:
        self.pid = self.process.pid or 0

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


def _kill_all(workers: set[_Worker]) -> None:
    for w in list(workers):
        w.stop()


class WorkerPool:
    """A pool of ``workers`` query processes over one dataset, with a per-query timeout.

    ``source`` says where a worker finds the data: ``("location", folder)`` of an on-disk
    Oxigraph store it opens read-only, or ``("nquads", bytes)`` it loads into its own copy.
    """

    def __init__(
        self,
        source: tuple[str, object],
        backend: str,
        *,
        workers: int = 2,
        timeout: float = 30.0,
        startup_timeout: float = 300.0,
    ) -> None:
        if workers < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.timeout = timeout
        self._source = source
        self._backend = backend
        self._size = workers
        self._startup_timeout = startup_timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        # Workers die with the pool even if nobody calls close().
        self._finalizer = weakref.finalize(self, _kill_all, self._all)

    def start(self) -> "WorkerPool":
        """Start the workers and wait until each has loaded the dataset."""
        started = [self._launch() for _ in range(self._size)]
        try:
            for w in started:
                self._await_ready(w)
        except BaseException:
            self.close()
            raise
        for w in started:
            self._idle.put(w)
        return self

    def _launch(self) -> _Worker:
        parent, child = _CONTEXT.Pipe(duplex=True)
        process = _CONTEXT.Process(
            target=worker.main,
            args=(child, self._backend, self._source),
            name="samverkan-query-worker",
            daemon=True,
        )
        process.start()
        child.close()
        w = _Worker(process, parent)
        with self._lock:
            self._all.add(w)
        return w

    def _await_ready(self, w: _Worker) -> None:
        message: object = None
        try:
            if w.conn.poll(self._startup_timeout):
                message = w.conn.recv()
        except (EOFError, OSError) as error:
            message = ("failed", f"worker exited while loading: {error}")
        if not (isinstance(message, tuple) and message[:1] == ("ready",)):
            self._discard(w, replace=False)
            detail = message[1] if isinstance(message, tuple) else "no answer in time"
            raise WorkerStartError(f"query worker could not start: {detail}")

    def _discard(self, w: _Worker, *, replace: bool) -> None:
        with self._lock:
            self._all.discard(w)
        w.stop()
        if replace and not self._closed:
            threading.Thread(target=self._replace, name="query-worker-restart", daemon=True).start()

    def _replace(self) -> None:
        try:
            fresh = self._launch()
            self._await_ready(fresh)
        except Exception:
            log.exception("could not restart a query worker")
            return
        if self._closed:
            self._discard(fresh, replace=False)
        else:
            self._idle.put(fresh)

    def execute(self, request: SparqlRequest) -> SparqlReply:
        """Answer one request in a worker; 503 if it times out or no worker is free in time."""
        if self._closed:
            return SparqlReply.error(503, "the query service is shutting down")
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return SparqlReply.error(
                503, f"server busy: all {self._size} query workers stayed occupied; try again"
            )
        try:
            w.conn.send(request)
            if w.conn.poll(self.timeout):
                reply = w.conn.recv()
            else:
                self._discard(w, replace=True)
                return SparqlReply.error(
                    503,
                    f"query timeout: the query ran longer than {self.timeout:g} s and was stopped",
                )
        except (EOFError, OSError):
            self._discard(w, replace=True)
            return SparqlReply.error(503, "the query worker stopped unexpectedly; try again")
        if self._closed:
            self._discard(w, replace=False)
        else:
            self._idle.put(w)
        assert isinstance(reply, SparqlReply)
        return reply

    def worker_pids(self) -> list[int]:
        with self._lock:
            return sorted(w.pid for w in self._all)

    def close(self) -> None:
        """Stop every worker (idempotent)."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()
