"""Which Host a request may name, and the origin the service's absolute URLs start with.

A client chooses the ``Host`` header, and Starlette builds ``request.url`` (the service
description's endpoint, the VoID's links, a saved question's links) from it: unchecked, a
spoofed Host ends up in answers a cache may keep. :class:`PublicOrigin` answers 400 to a
Host not trusted, and, with a public base URL configured, rewrites every request's scheme
and Host to it, so generated URLs name the public address whatever the client sent.
"""

from collections.abc import Iterable
from typing import Final
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

#: Names of this machine's loopback interface, trusted whenever Host is checked.
LOOPBACK: Final = ("localhost", "127.0.0.1", "::1")


def host_name(host: str) -> str:
    """``example.org:8000`` → ``example.org``; ``[::1]:8000`` → ``::1`` (lower case)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def public_origin(url: str) -> tuple[str, str]:
    """``https://kg.example.org/`` → (scheme, netloc); ValueError unless http(s) with no path."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"a public base URL is http:// or https:// and a host, got {url!r}")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ValueError(
            f"a public base URL has no path, query or fragment, got {url!r} "
            "(a mount below a path is uvicorn's --root-path)"
        )
    return parts.scheme, parts.netloc


class PublicOrigin:
    """ASGI middleware: 400 for an untrusted Host; the public origin on every request."""

    def __init__(self, app: ASGIApp, trusted: Iterable[str], public_base_url: str | None) -> None:
        self.app = app
        self.origin = public_origin(public_base_url) if public_base_url else None
        self.trusted = {host_name(h) for h in trusted} | set(LOOPBACK)
        if self.origin:
            self.trusted.add(host_name(self.origin[1]))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        hosts = [v for n, v in scope.get("headers", []) if n == b"host"]
        named = host_name(hosts[0].decode("latin-1")) if len(hosts) == 1 else None
        if named not in self.trusted:
            body = b"unknown Host header: this service answers only to its configured names\n"
            await send(
                {
                    "type": "http.response.start",
                    "status": 400,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        if self.origin:
            scheme, netloc = self.origin
            headers = [(n, v) for n, v in scope["headers"] if n != b"host"]
            scope = {**scope, "scheme": scheme, "headers": [(b"host", netloc.encode()), *headers]}
        await self.app(scope, receive, send)
