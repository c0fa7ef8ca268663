"""A query worker: a child process with its own copy of the dataset that answers client queries.

Everything a client query costs happens here (parsing, guards, negotiation, evaluation,
serialisation), so the parent can stop a runaway query by killing the process. The parent
talks to a worker over a multiprocessing Connection: it sends :class:`SparqlRequest` objects
and gets :class:`SparqlReply` objects back (``None`` asks the worker to exit).
"""

from multiprocessing.connection import Connection

from .. import network_guard
from ..formats import BY_FORM
from ..negotiation import NotAcceptable, choose
from ..query_text import QueryRejected, inspect_query
from ..serialize import serialize
from .base import SparqlReply, SparqlRequest
from .factory import store_from_nquads
from .querying import DatasetStore, QueryError


def answer(store: DatasetStore, request: SparqlRequest) -> SparqlReply:
    """Answer one request; every failure becomes a 4xx reply with a message."""
    try:
        form = inspect_query(request.query)
        fmt = choose(BY_FORM[form], request.accept, request.format)
        result = store.query(
            request.query,
            default_graphs=request.default_graphs,
            named_graphs=request.named_graphs,
            base_iri=request.base_iri,
            max_rows=request.max_rows,
        )
        body = serialize(result.value, fmt)
    except QueryRejected as error:
        return SparqlReply.error(error.status, error.message)
    except NotAcceptable as error:
        return SparqlReply.error(406, f"not acceptable: {error}")
    except QueryError as error:
        return SparqlReply.error(400, f"query error: {error}")
    except Exception as error:  # an engine failing on odd input is still the query's fault
        message = f"query could not be evaluated: {error or type(error).__name__}"
        return SparqlReply.error(400, message)
    return SparqlReply(200, fmt.media_type, body, result.truncated)


def main(conn: Connection, backend: str, nquads: bytes) -> None:
    """The worker process: load the dataset, say ready, then answer jobs until told to stop."""
    network_guard.install()
    try:
        store = store_from_nquads(nquads, backend)
    except Exception as error:
        conn.send(("failed", f"{type(error).__name__}: {error}"))
        return
    del nquads
    conn.send(("ready", store.triple_count()))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        conn.send(answer(store, request))
