"""A query worker: a child process with its own copy of the dataset that answers client queries.

Everything a client query costs happens here (parsing, guards, negotiation, evaluation,
serialisation), so the parent can stop a runaway query by killing the process. The parent
talks to a worker over a multiprocessing Connection: it sends :class:`Job` objects and gets
:class:`Reply` objects back (``None`` asks the worker to exit).
"""

from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Final

from rdflib import Graph

from .. import network_guard
from ..store.base import SelectResult
from ..store.factory import store_from_nquads
from ..store.querying import DatasetStore, QueryError
from . import negotiation as mt
from .guards import QueryForm, QueryRejected, inspect_query
from .results import serialize_boolean, serialize_graph, serialize_solutions

OFFERED: Final[dict[QueryForm, tuple[str, ...]]] = {
    "SELECT": mt.SOLUTION_TYPES,
    "ASK": mt.BOOLEAN_TYPES,
    "CONSTRUCT": mt.GRAPH_TYPES,
    "DESCRIBE": mt.GRAPH_TYPES,
}
ERROR_TYPE: Final = "text/plain"


@dataclass(frozen=True)
class Job:
    """One client query, with everything needed to answer it."""

    query: str
    accept: str | None = None
    format: str | None = None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    max_rows: int | None = None


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, media type, body; ``truncated`` when max_rows cut it."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False

    @classmethod
    def error(cls, status: int, message: str) -> "Reply":
        return cls(status, ERROR_TYPE, (message.rstrip() + "\n").encode("utf-8"))


def _serialize(value: SelectResult | bool | Graph, media_type: str) -> bytes:
    if isinstance(value, SelectResult):
        return serialize_solutions(value, media_type)
    if isinstance(value, bool):
        return serialize_boolean(value, media_type)
    return serialize_graph(value, media_type)


def answer(store: DatasetStore, job: Job) -> Reply:
    """Answer one job; every failure becomes a 4xx reply with a message."""
    try:
        form = inspect_query(job.query)
        media_type = mt.choose(OFFERED[form], job.accept, job.format)
        result = store.query(
            job.query,
            default_graphs=job.default_graphs,
            named_graphs=job.named_graphs,
            base_iri=job.base_iri,
            max_rows=job.max_rows,
        )
        body = _serialize(result.value, media_type)
    except QueryRejected as error:
        return Reply.error(error.status, error.message)
    except mt.NotAcceptable as error:
        return Reply.error(406, f"not acceptable: {error}")
    except QueryError as error:
        return Reply.error(400, f"query error: {error}")
    except Exception as error:  # an engine failing on odd input is still the query's fault
        return Reply.error(400, f"query could not be evaluated: {error or type(error).__name__}")
    return Reply(200, media_type, body, result.truncated)


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
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(answer(store, job))
