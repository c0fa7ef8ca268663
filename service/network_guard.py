"""A process-wide guard that refuses network connections to anything but this machine.

The one exception is a remote SPARQL engine the operator configured (``serve --endpoint``):
:func:`allow` admits exactly its host and port, nothing else.

The service never needs the network: queries with SERVICE are rejected before they run, but
parsers can still reach out on their own (a JSON-LD ``@context`` given as a URL, an RDF/XML
entity, rdflib loading a FROM graph). An audit hook (PEP 578) sees every Python-level
``socket.connect``, ``socket.sendto``, ``socket.getaddrinfo`` and ``urllib.Request`` before it
happens and raises :class:`NetworkBlockedError` unless the target is a loopback address.
Unix sockets (used by multiprocessing) are not affected. Native code that opens sockets
without going through Python's socket module is not seen, which is why SERVICE is also
rejected by parsing the query.

Audit hooks cannot be removed, so :func:`install` is meant for the ``serve`` process and its
query workers, not for library callers.
"""

import ipaddress
import socket
import sys
import threading
from typing import Any
from urllib.parse import urlsplit

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
_installed = False
_lock = threading.Lock()
#: (host, port) pairs allowed besides loopback: the configured remote engine, its addresses.
_allowed: set[tuple[str, int]] = set()


class NetworkBlockedError(PermissionError):
    """A connection to a non-loopback address was refused by the guard."""


def is_loopback(host: str | None) -> bool:
    """True for loopback IP literals and the usual names of this machine."""
    if host is None:
        return True
    name = host.strip("[]").split("%", 1)[0].lower()
    if name in _LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True


def _refuse(target: object) -> None:
    raise NetworkBlockedError(
        f"network access to {target} is blocked: samverkan-kg never fetches remote resources"
    )


def _name(host: str) -> str:
    return host.strip("[]").split("%", 1)[0].lower()


def allow(host: str, port: int) -> None:
    """Allow connections to ``host``:``port`` (and the addresses it resolves to now) only.

    Call before :func:`install`: the name is resolved here, while resolving is allowed.
    """
    name = _name(host)
    found = {(name, port)}
    if not _is_ip_literal(name) and not is_loopback(name):
        try:
            for info in socket.getaddrinfo(name, port, type=socket.SOCK_STREAM):
                found.add((_name(str(info[4][0])), port))
        except OSError:
            pass  # unresolvable now: connecting will fail on its own
    with _lock:
        _allowed.update(found)


def allow_url(url: str) -> None:
    """Allow the host and port of an http(s) URL (see :func:`allow`)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    allow(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))


def _allowed_host(host: str) -> bool:
    name = _name(host)
    return any(allowed == name for allowed, _ in _allowed)


def _check_address(address: Any) -> None:
    if isinstance(address, tuple) and address and isinstance(address[0], str | bytes):
        host = address[0].decode() if isinstance(address[0], bytes) else address[0]
        port = address[1] if len(address) > 1 else None
        if not is_loopback(host) and (_name(host), port) not in _allowed:
            _refuse(host if len(address) < 2 else f"{host}:{address[1]}")
    # str / bytes addresses are Unix sockets: local by definition.


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event in ("socket.connect", "socket.sendto"):
        sock, address = args[0], args[1]
        if getattr(sock, "family", None) in (socket.AF_INET, socket.AF_INET6):
            _check_address(address)
    elif event == "socket.getaddrinfo":
        host = args[0]
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        # Resolving a name is itself a network request; IP literals resolve locally.
        if host and not is_loopback(host) and not _is_ip_literal(host) and not _allowed_host(host):
            _refuse(host)
    elif event == "urllib.Request":
        url = str(args[0])
        parts = urlsplit(url)
        if parts.scheme not in ("", "file", "data") and not is_loopback(parts.hostname):
            default = 443 if parts.scheme == "https" else 80
            if (_name(parts.hostname or ""), parts.port or default) not in _allowed:
                _refuse(url)


def install() -> None:
    """Install the guard in this process (idempotent)."""
    global _installed
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True


def installed() -> bool:
    return _installed
