"""A query worker: a child process over the store's data that answers client queries.

Everything a client query costs happens here (parsing, guards, negotiation, evaluation,
serialisation), so the parent can stop a runaway query by killing the process. The parent
talks to a worker over a multiprocessing Connection: it sends :class:`SparqlRequest` objects
and gets :class:`SparqlReply` objects back (``None`` asks the worker to exit). Answers in
the standard formats are written by the engine (pyoxigraph's own serialisers), bytes that
go to the client unchanged; rdflib writes only what Oxigraph has no writer for.
"""

import pickle
from multiprocessing.connection import Connection
from pathlib import Path

from .. import network_guard
from ..bounded import cap_memory
from ..formats import BY_FORM
from ..negotiation import NotAcceptable, choose
from ..query_text import QueryRejected, inspect_query
from .base import SparqlReply, SparqlRequest
from .factory import store_from_nquads
from .oxigraph_store import OxigraphStore
from .preload import PRELOADED
from .querying import DatasetStore, QueryError, QuerySyntaxError


def _typed(store: DatasetStore, request: SparqlRequest) -> SparqlReply:
    result = store.query(request.query, bindings=request.bindings, max_rows=request.max_rows)
    return SparqlReply(200, "application/octet-stream", b"", result.truncated, result.value)


def may_federate(text: str) -> bool:
    """Whether ``text`` could hold a SERVICE clause: only then must it be parsed to know.

    A SERVICE clause needs the keyword in the text (SPARQL keywords are case-insensitive; a
    ``\\u`` escape could spell it, so escapes count as "could"). Oxigraph would evaluate a
    SERVICE by opening a connection itself, unseen by the network guard, so every text that
    could hold one is parsed and refused before Oxigraph sees it.
    """
    lowered = text.lower()
    return "service" in lowered or "\\u" in lowered


def answer(store: DatasetStore, request: SparqlRequest) -> SparqlReply:
    """Answer one request; every failure becomes a 4xx reply with a message."""
    options = {
        "bindings": request.bindings,
        "default_graphs": request.default_graphs,
        "named_graphs": request.named_graphs,
        "base_iri": request.base_iri,
        "max_rows": request.max_rows,
    }
    try:
        if isinstance(store, OxigraphStore):
            if may_federate(request.query):
                inspect_query(request.query)  # refuses SERVICE (and updates) by parsing
            if request.typed:
                return _typed(store, request)
            try:
                fmt, body, truncated = store.answer_bytes(
                    request.query,
                    lambda form: choose(BY_FORM[form], request.accept, request.format),
                    **options,  # type: ignore[arg-type]
                )
            except QuerySyntaxError:
                inspect_query(request.query)  # the same words as the other backends
                raise
            return SparqlReply(200, fmt.media_type, body, truncated)
        form = inspect_query(request.query)
        if request.typed:
            return _typed(store, request)
        fmt = choose(BY_FORM[form], request.accept, request.format)
        from ..serialize import serialize  # rdflib writes: only the reference backend gets here

        result = store.query(request.query, **options)  # type: ignore[arg-type]
        body, truncated = serialize(result.value, fmt), result.truncated
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


def open_source(backend: str, source: tuple[str, object]) -> DatasetStore:
    """The store a worker answers from: the on-disk store read-only, or its own N-Quads copy."""
    kind, value = source
    if kind == "location":
        shared = PRELOADED.get(str(value))
        if shared is not None:  # loaded by the forkserver, shared copy-on-write
            return OxigraphStore(shared, Path(str(value)))
        return OxigraphStore.open(Path(str(value)))
    assert isinstance(value, bytes)
    return store_from_nquads(value, backend)


def main(
    conn: Connection, backend: str, source: tuple[str, object], memory: int | None = None
) -> None:
    """The worker process: open the dataset, say ready, then answer jobs until told to stop
    (growing by at most ``memory`` bytes, if given)."""
    network_guard.install()
    try:
        store = open_source(backend, source)
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
