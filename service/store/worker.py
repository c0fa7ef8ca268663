"""A query worker: a child process over the store's data that answers client queries.

Everything a client query costs happens here (parsing, guards, negotiation, evaluation,
serialisation), so the parent can stop a runaway query by killing the process. The parent
talks to a worker over a multiprocessing Connection: it sends :class:`SparqlRequest` objects
and gets :class:`SparqlReply` objects back (``None`` asks the worker to exit). Answers in
the standard formats are written by the engine where the backend's engine writes them
(``DatasetStore.answer_bytes``), bytes that go to the client unchanged. The worker knows no
backend: it opens the data with the constructor the pool hands it.
"""

import pickle
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from .. import network_guard
from ..bounded import cap_memory
from ..formats import BY_FORM
from ..negotiation import NotAcceptable, choose
from ..query_text import QueryRejected
from .base import SparqlReply, SparqlRequest
from .querying import DatasetStore, QueryError, typed_reply

#: How a worker opens its data: a picklable constructor (a backend's) and its argument.
Source = tuple[Callable[[Any], DatasetStore], object]


def answer(store: DatasetStore, request: SparqlRequest) -> SparqlReply:
    """Answer one request; every failure becomes a 4xx reply with a message."""
    try:
        store.screen(request.query)  # refuses updates and SERVICE before evaluation
        if request.typed:
            return typed_reply(store, request)
        fmt, body, truncated = store.answer_bytes(
            request.query,
            lambda form: choose(BY_FORM[form], request.accept, request.format),
            bindings=request.bindings,
            default_graphs=request.default_graphs,
            named_graphs=request.named_graphs,
            base_iri=request.base_iri,
            max_rows=request.max_rows,
        )
    except QueryRejected as error:
        return SparqlReply.error(error.status, error.message)
    except NotAcceptable as error:
        return SparqlReply.error(406, f"not acceptable: {error}")
    except QueryError as error:
        return SparqlReply.error(400, f"query error: {error}")
    except Exception as error:  # an engine failing on odd input is still the query's fault
        message = f"query could not be evaluated: {error or type(error).__name__}"
        return SparqlReply.error(400, message)
    return SparqlReply(200, fmt.media_type, body, truncated)


def pack(message: object) -> bytes:
    """A request or reply as it goes through the pipe: plain pickle, for
    ``Connection.send_bytes`` (``Connection.send`` builds multiprocessing's own pickler,
    copying its table of reducers, for every message: a small query notices)."""
    return pickle.dumps(message, pickle.HIGHEST_PROTOCOL)


def main(conn: Connection, source: Source, memory: int | None = None) -> None:
    """The worker process: open the dataset, say ready, then answer jobs until told to stop
    (growing by at most ``memory`` bytes, if given)."""
    network_guard.install()
    try:
        opener, argument = source
        store = opener(argument)
    except Exception as error:
        conn.send(("failed", f"{type(error).__name__}: {error}"))
        return
    del source
    if memory is not None:
        cap_memory(memory)
    conn.send(("ready", store.triple_count()))
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        if request is None:
            return
        conn.send_bytes(pack(answer(store, request)))
