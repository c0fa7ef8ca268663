"""Connections no client can hold forever: deadlines for a request's headers and body, a cap
on open connections, and the descriptor limit raised as far as the system allows.

uvicorn times out only an idle keep-alive connection: a client that opens connections and
sends half a request line, or a header a minute, keeps each open for good (slowloris), and
enough of them exhaust the descriptors. :func:`guarded_protocol` is uvicorn's httptools
protocol with two deadlines — the headers must arrive within ``header_timeout`` seconds of
the connection (or of the request's first byte), the body within ``body_timeout`` of the
headers — after which the connection is closed, and a cap: a connection beyond
``max_connections`` is answered 503 with ``Retry-After`` and closed at once.
"""

import asyncio
import resource
from typing import Final

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

#: Descriptors kept free beside the connections: the workers' pipes, files, the log.
RESERVED_DESCRIPTORS: Final = 128

_FULL: Final = (
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"retry-after: 1\r\nconnection: close\r\ncontent-length: 47\r\n\r\n"
    b"server busy: too many open connections; retry\r\n"
)


def raise_descriptor_limit() -> int:
    """Raise this process's soft limit on open files to the hard one; the limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (ValueError, OSError):
            return soft
        return wanted
    return soft


def connection_cap(wanted: int, descriptors: int) -> int:
    """At most ``wanted`` connections, and never so many that descriptors run out."""
    return max(1, min(wanted, descriptors - RESERVED_DESCRIPTORS))


def guarded_protocol(
    header_timeout: float, body_timeout: float, max_connections: int
) -> type[HttpToolsProtocol]:
    """uvicorn's HTTP protocol with the deadlines and the cap above."""

    class Guarded(HttpToolsProtocol):
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if len(self.connections) > max_connections:
                transport.write(_FULL)
                transport.close()
                return
            self._arm(header_timeout)

        def _arm(self, seconds: float) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(seconds, self._too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                self.transport.close()

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._arm(header_timeout)

        def on_headers_complete(self) -> None:
            super().on_headers_complete()
            self._arm(body_timeout)

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._disarm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return Guarded
