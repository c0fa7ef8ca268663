"""Run client queries in a small pool of worker processes that share the store's data.

A Python thread cannot be stopped, so a query that runs past the timeout is stopped by
killing its worker; a fresh worker (forked from a forkserver that has the libraries
loaded, then opening the data as its backend says: the on-disk store read-only, or the
dataset as N-Quads) takes its place in the background while the other workers go
on serving. ``execute`` blocks: call it from a thread; the endpoint awaits ``execute_async``,
which waits on the worker's pipe in the event loop.
"""

import asyncio
import logging
import multiprocessing
import os
import pickle
import threading
import weakref
from collections import deque
from concurrent.futures import Future
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
#: The registry brings every backend's module (the worker itself imports none of them).
_CONTEXT.set_forkserver_preload(
    ["service.store.worker", "service.store.preload", "service.store.backends"]
)


def share_with_workers(folder: str) -> None:
    """Have the forkserver hold the store in ``folder`` in memory for every worker it forks.

    Call before the first worker starts (the forkserver reads it once, at its start); see
    ``preload.py``.
    """
    from .preload import WORKER_DATA

    os.environ[WORKER_DATA] = folder


_SHUTTING_DOWN: Final = SparqlReply.error(503, "the query service is shutting down")


def _settle(future: "asyncio.Future[None]") -> None:
    if not future.done():
        future.set_result(None)


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

    ``source`` says how a worker opens the data: a backend's picklable constructor and its
    argument (an on-disk store's folder it opens read-only, or an N-Quads dump it loads into
    its own copy; see ``worker_source`` of the backends).
    """

    def __init__(
        self,
        source: worker.Source,
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
        #: Free workers, and callers waiting for one (each handed the next worker freed).
        self._idle: deque[_Worker] = deque()
        self._waiting: deque[Future[_Worker]] = deque()
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
            self._give_back(w)
        return self

    def _take(self) -> "_Worker | Future[_Worker]":
        """A free worker, or a future that gets the next one freed."""
        with self._lock:
            if self._idle:
                return self._idle.popleft()
            waiter: Future[_Worker] = Future()
            self._waiting.append(waiter)
            return waiter

    def _give_back(self, w: _Worker) -> None:
        """Hand a free worker to the longest waiting caller, or keep it for the next."""
        with self._lock:
            while self._waiting:
                waiter = self._waiting.popleft()
                if waiter.set_running_or_notify_cancel():  # False: that caller gave up
                    waiter.set_result(w)
                    return
            self._idle.append(w)

    @staticmethod
    def _given_up(waiter: "Future[_Worker]") -> _Worker | None:
        """After a wait timed out: None, or the worker that was handed over meanwhile."""
        return None if waiter.cancel() else waiter.result()

    def _acquire(self) -> _Worker | None:
        """A free worker, waiting up to the timeout for one (None: none came)."""
        taken = self._take()
        if isinstance(taken, _Worker):
            return taken
        try:
            return taken.result(timeout=self.timeout)
        except TimeoutError:
            return self._given_up(taken)

    async def _acquire_async(self) -> _Worker | None:
        """:meth:`_acquire` for the event loop."""
        taken = self._take()
        if isinstance(taken, _Worker):
            return taken
        try:
            return await asyncio.wait_for(asyncio.wrap_future(taken), self.timeout)
        except TimeoutError:
            return self._given_up(taken)
        except asyncio.CancelledError:  # the caller went away: a worker handed over goes back
            handed = self._given_up(taken)
            if handed is not None:
                self._give_back(handed)
            raise

    def _launch(self) -> _Worker:
        parent, child = _CONTEXT.Pipe(duplex=True)
        process = _CONTEXT.Process(
            target=worker.main,
            args=(child, self._source),
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
            self._give_back(fresh)

    def execute(self, request: SparqlRequest) -> SparqlReply:
        """Answer one request in a worker; 503 if it times out or no worker is free in time."""
        if self._closed:
            return _SHUTTING_DOWN
        w = self._acquire()
        if w is None:
            return self._busy()
        try:
            w.conn.send_bytes(worker.pack(request))
            if not w.conn.poll(self.timeout):
                return self._timed_out(w)
            reply = pickle.loads(w.conn.recv_bytes())
        except (EOFError, OSError):
            return self._lost(w)
        return self._done(w, reply)

    async def execute_async(self, request: SparqlRequest) -> SparqlReply:
        """:meth:`execute` for the event loop, which waits on the worker's pipe itself.

        No thread is taken, neither while waiting for a free worker nor while it runs:
        handing a request to a thread and back costs more than a small query.
        """
        if self._closed:
            return _SHUTTING_DOWN
        w = await self._acquire_async()
        if w is None:
            return self._busy()
        loop = asyncio.get_running_loop()
        answered: asyncio.Future[None] = loop.create_future()
        pipe = w.conn.fileno()
        loop.add_reader(pipe, _settle, answered)
        os.set_blocking(pipe, True)  # uvloop made it non-blocking; recv_bytes reads it whole
        try:
            try:
                w.conn.send_bytes(worker.pack(request))  # small: the idle worker reads its pipe
                await asyncio.wait_for(answered, self.timeout)
                reply = pickle.loads(w.conn.recv_bytes())  # but a long answer's tail, written
            finally:
                loop.remove_reader(pipe)  # before the worker, and its pipe, may go
        except TimeoutError:
            return self._timed_out(w)
        except (EOFError, OSError):
            return self._lost(w)
        except asyncio.CancelledError:  # the client left: the answer will never be read
            self._discard(w, replace=True)
            raise
        return self._done(w, reply)

    def _busy(self) -> SparqlReply:
        if self._closed:
            return _SHUTTING_DOWN
        return SparqlReply.error(
            503, f"server busy: all {self._size} query workers stayed occupied; try again"
        )

    def _timed_out(self, w: _Worker) -> SparqlReply:
        self._discard(w, replace=True)
        return SparqlReply.error(
            503, f"query timeout: the query ran longer than {self.timeout:g} s and was stopped"
        )

    def _lost(self, w: _Worker) -> SparqlReply:
        self._discard(w, replace=True)
        return SparqlReply.error(503, "the query worker stopped unexpectedly; try again")

    def _done(self, w: _Worker, reply: object) -> SparqlReply:
        """Give the worker back (or stop it, if the pool closed meanwhile); its reply."""
        if self._closed:
            self._discard(w, replace=False)
        else:
            self._give_back(w)
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
            for waiter in self._waiting:  # waiting callers get "shutting down" at once
                waiter.cancel()
            self._waiting.clear()
        for w in workers:
            w.stop()
