"""Limits that keep one client from exhausting the service: body size and queries in flight.

- :class:`BodyLimit` answers 413 to any request whose body is over its route's cap
  (``max_upload_bytes`` plus a form's envelope for ``POST /validate``, ``max_body_bytes``
  everywhere else), from its ``Content-Length`` before reading it, or as soon as a streamed
  body passes the cap (every route that takes a body is covered, present or future).
- :class:`QueryGate` admits at most ``query_workers + query_queue`` client queries at once:
  the workers run ``query_workers`` of them, the others wait for a free worker (at most the
  query timeout); past that, a query is answered at once with 503 and ``Retry-After``, without
  taking a thread from the pool that serves the pages.
"""

import math
import os
import threading
from collections.abc import Mapping
from typing import Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .links import app_path

#: Header telling a refused client when to try again.
RETRY_AFTER: Final = "Retry-After"
#: Bytes a multipart form may add around the files it carries (boundaries, part headers).
FORM_ALLOWANCE: Final = 64 * 1024


class BodyTooLarge(Exception):
    """A request body passed the cap while it was being read."""


async def _plain(send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]]) -> None:
    body = (text.rstrip() + "\n").encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """ASGI middleware: 413 for a body over its path's limit, 400 for a broken Content-Length.

    ``limit`` holds everywhere except on the paths of ``per_path`` (path below the mount →
    bytes).
    """

    def __init__(self, app: ASGIApp, limit: int, per_path: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.default = limit
        self.per_path = dict(per_path or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.per_path.get(app_path(scope), self.default)
        too_large = f"request body too large (the limit is {limit} bytes)"
        lengths = [v for n, v in scope.get("headers", []) if n.lower() == b"content-length"]
        if lengths:
            if len(lengths) > 1 or not lengths[0].strip().isdigit():
                await _plain(send, 400, "bad Content-Length header", [(b"connection", b"close")])
                return
            if int(lengths[0]) > limit:
                await _plain(send, 413, too_large, [(b"connection", b"close")])
                return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge:
            if not started:
                await _plain(send, 413, too_large, [(b"connection", b"close")])


def query_memory_bytes(mebibytes: int | None, workers: int) -> int:
    """The bytes a query worker may grow by: ``mebibytes``, or the machine's memory shared
    by the workers and the server (``workers + 1`` parts)."""
    if mebibytes is not None:
        return mebibytes * 2**20
    total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return int(total // (workers + 1))


class QueryGate:
    """Admission of client queries: at most ``capacity`` in flight, the rest refused at once."""

    def __init__(self, capacity: int, retry_after: float) -> None:
        self.capacity = capacity
        #: Seconds a refused client is told to wait (whole seconds, at least 1).
        self.retry_after = max(1, math.ceil(retry_after))
        self._in_flight = 0
        self._lock = threading.Lock()

    def enter(self) -> bool:
        """Take a place if one is free (never blocks)."""
        with self._lock:
            if self._in_flight >= self.capacity:
                return False
            self._in_flight += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def busy_message(self) -> str:
        return (
            f"server busy: {self.capacity} queries are running or waiting; "
            f"try again in {self.retry_after} s"
        )
