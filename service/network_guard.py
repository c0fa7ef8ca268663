"""A process-wide guard that refuses network connections to anything but this machine.

The service never needs the network: queries with SERVICE are rejected before they run, but
parsers can still reach out on their own (a JSON-LD ``@context`` given as a URL, an RDF/XML
entity, rdflib loading a FROM graph). An audit hook (PEP 578) sees every Python-level
``socket.connect``, ``socket.sendto``, ``socket.getaddrinfo`` and ``urllib.Request`` before it
happens and raises :class:`NetworkBlockedError` unless the target is a loopback address.
Unix sockets (used by multiprocessing) are not affected. Native code that opens sockets
without going through Python's socket module is not seen, which is why SERVICE is also
rejected by parsing the query.

One remote endpoint may be let through: :func:`allow` takes the URL of a configured SPARQL
engine (``serve --endpoint URL``) and lets connections reach exactly that host and port (its
name may be resolved, and the addresses it resolves to may be connected to on that port);
everything else stays refused.

Audit hooks cannot be removed, so :func:`install` is meant for the ``samverkan`` command
(every subcommand installs it, see ``cli/__init__.py``) and the query workers, not for
library callers.
"""

import ipaddress
import socket
import sys
import threading
from typing import Any
from urllib.parse import urlsplit

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_installed = False
_lock = threading.Lock()
#: Host names (lower case) that may be resolved, and (address, port) pairs that may be reached.
_allowed_names: set[str] = set()
_allowed_addresses: set[tuple[str, int]] = set()


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


def _plain(host: str) -> str:
    return host.strip("[]").split("%", 1)[0].lower()


def allow(url: str) -> None:
    """Let connections reach the host and port of ``url`` (one configured remote endpoint).

    ValueError if ``url`` is not an absolute http(s) URL. The name is resolved now, so that
    the addresses it stands for may be connected to on that port.
    """
    parts = urlsplit(url)
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    try:
        port = parts.port or _DEFAULT_PORTS[parts.scheme]
    except ValueError as error:
        raise ValueError(f"bad port in {url!r}: {error}") from None
    host = _plain(parts.hostname)
    with _lock:
        _allowed_names.add(host)
        _allowed_addresses.add((host, port))
    if not _is_ip_literal(host):
        try:
            found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except OSError:  # unresolvable now: connecting will fail on its own
            return
        with _lock:
            _allowed_addresses.update((_plain(str(info[4][0])), port) for info in found)


def allowed() -> list[str]:
    """The remote ``host:port`` pairs :func:`allow` let through (for messages and tests)."""
    with _lock:
        return sorted(f"{host}:{port}" for host, port in _allowed_addresses)


def _check_address(address: Any) -> None:
    if isinstance(address, tuple) and address and isinstance(address[0], str | bytes):
        host = address[0].decode() if isinstance(address[0], bytes) else address[0]
        port = address[1] if len(address) > 1 else None
        if not is_loopback(host) and (_plain(host), port) not in _allowed_addresses:
            _refuse(host if port is None else f"{host}:{port}")
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
        if (
            host
            and not is_loopback(host)
            and not _is_ip_literal(host)
            and _plain(host) not in _allowed_names
        ):
            _refuse(host)
    elif event == "urllib.Request":
        url = str(args[0])
        parts = urlsplit(url)
        if parts.scheme not in ("", "file", "data") and not is_loopback(parts.hostname):
            try:
                port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
            except ValueError:
                port = None
            if (_plain(parts.hostname or ""), port) not in _allowed_addresses:
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
