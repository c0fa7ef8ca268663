"""The worker pool as the endpoint uses it: awaited in the event loop (uvloop, as uvicorn
runs it), with more callers than workers, answers longer than a pipe's buffer, and waits
and queries that outlast the timeout. Real worker processes over a small dataset."""

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

import pytest
import uvloop

from service.store.base import SparqlReply, SparqlRequest
from service.store.oxigraph_store import OxigraphStore
from service.store.pool import WorkerPool

T = TypeVar("T")
TIMEOUT = 2.0
LONG_TEXT = "x" * 500
#: 400 subjects with a long literal each: a JSON answer of about 300 KB, several pipe buffers.
DATA = "".join(
    f'<http://example.org/s{n}> <http://example.org/p> "{LONG_TEXT}{n}" .\n' for n in range(400)
).encode()
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
EVERYTHING = "SELECT ?s ?o WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
JSON = "application/sparql-results+json"


Runner = Callable[[Coroutine[Any, Any, T]], T]


@pytest.fixture(params=["uvloop", "asyncio"])
def run(request: pytest.FixtureRequest) -> Runner[Any]:
    """The event loop uvicorn runs (uvloop where installed, a dependency) and asyncio's own:
    uvloop leaves a pipe it watches non-blocking, asyncio does not."""
    return uvloop.run if request.param == "uvloop" else asyncio.run


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    started = WorkerPool(
        (OxigraphStore.from_nquads, DATA), "oxigraph", workers=1, timeout=TIMEOUT
    ).start()
    yield started
    started.close()


def ask(query: str) -> SparqlRequest:
    return SparqlRequest(query, accept=JSON, max_rows=10_000)


def count(reply: SparqlReply) -> int:
    assert reply.status == 200, reply.body
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


def test_more_callers_than_workers_each_get_their_answer(
    pool: WorkerPool, run: Runner[Any]
) -> None:
    async def main() -> list[SparqlReply]:
        return await asyncio.gather(*(pool.execute_async(ask(COUNT)) for _ in range(12)))

    assert [count(reply) for reply in run(main())] == [400] * 12


def test_an_answer_longer_than_the_pipe_buffer_arrives_whole(
    pool: WorkerPool, run: Runner[Any]
) -> None:
    async def main() -> list[SparqlReply]:
        return await asyncio.gather(*(pool.execute_async(ask(EVERYTHING)) for _ in range(3)))

    for reply in run(main()):
        assert reply.status == 200, reply.body
        assert len(reply.body) > 200_000
        rows = json.loads(reply.body)["results"]["bindings"]
        assert len(rows) == 400 and all(r["o"]["value"].startswith(LONG_TEXT) for r in rows)


def test_threads_and_the_event_loop_share_the_workers(pool: WorkerPool, run: Runner[Any]) -> None:
    from_threads: list[SparqlReply] = []

    def in_a_thread() -> None:
        from_threads.append(pool.execute(ask(COUNT)))

    threads = [threading.Thread(target=in_a_thread) for _ in range(4)]
    for thread in threads:
        thread.start()

    async def main() -> list[SparqlReply]:
        return await asyncio.gather(*(pool.execute_async(ask(COUNT)) for _ in range(4)))

    from_loop = run(main())
    for thread in threads:
        thread.join(timeout=30)
    assert [count(r) for r in from_threads + from_loop] == [400] * 8


def test_a_runaway_is_stopped_and_its_worker_replaced(pool: WorkerPool, run: Runner[Any]) -> None:
    first_worker = pool.worker_pids()

    async def main() -> tuple[SparqlReply, SparqlReply]:
        runaway = await pool.execute_async(ask(RUNAWAY))
        return runaway, await pool.execute_async(ask(COUNT))  # waits for the fresh worker

    runaway, after = run(main())
    assert runaway.status == 503 and runaway.body.startswith(b"query timeout"), runaway.body
    assert count(after) == 400
    assert pool.worker_pids() and pool.worker_pids() != first_worker


def test_a_caller_waits_for_a_freed_worker_or_is_told_busy(
    pool: WorkerPool, run: Runner[Any]
) -> None:
    """With the one worker held elsewhere, a caller waits: it gets the worker when it is
    freed within the timeout, and 503 busy when it is not (the worker is not lost)."""
    held = pool._take()  # another caller's turn, as long as the test likes
    assert not isinstance(held, Future)

    async def freed_after(seconds: float) -> SparqlReply:
        threading.Timer(seconds, pool._give_back, (held,)).start()
        return await pool.execute_async(ask(COUNT))

    assert count(run(freed_after(0.3))) == 400

    held = pool._take()
    assert not isinstance(held, Future)
    busy = run(freed_after(TIMEOUT + 1))
    assert busy.status == 503 and busy.body.startswith(b"server busy"), busy.body

    async def later() -> SparqlReply:
        await asyncio.sleep(1.5)  # until the worker is given back
        return await pool.execute_async(ask(COUNT))

    assert count(run(later())) == 400


def test_a_caller_that_goes_away_while_waiting_loses_no_worker(
    pool: WorkerPool, run: Runner[Any]
) -> None:
    """The worker is handed to a waiting caller just as that caller is cancelled (a client
    gone, a server stopping): the worker goes back to the pool, not with the caller."""
    held = pool._take()
    assert not isinstance(held, Future)

    async def main() -> float:
        waiting = asyncio.ensure_future(pool.execute_async(ask(COUNT)))
        await asyncio.sleep(0.2)  # it waits for the held worker
        waiting.cancel()  # the waiter is cancelled, and before it has run again...
        pool._give_back(held)  # ...the worker is handed to it
        with contextlib.suppress(asyncio.CancelledError):
            await waiting
        began = time.monotonic()
        assert count(await pool.execute_async(ask(COUNT))) == 400
        return time.monotonic() - began

    assert run(main()) < TIMEOUT  # the worker was free: no wait for the timeout
