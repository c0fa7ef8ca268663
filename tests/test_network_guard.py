"""The process-wide network guard: only loopback connections, whatever a parser wants.

The refusals are checked in a child process inside a private network namespace
(``unshare -n``), so even a broken guard could not send a packet anywhere. The guard is never
installed in the pytest process itself (audit hooks cannot be removed).
"""

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import live
import pytest

from service.network_guard import is_loopback

BLOCKED_ATTEMPTS = """
import json, socket, urllib.request
from service import network_guard
network_guard.install()
attempts = {
    "connect": lambda: socket.create_connection(("192.0.2.1", 80), timeout=1),
    "connect6": lambda: socket.create_connection(("2001:db8::1", 80), timeout=1),
    "resolve": lambda: socket.getaddrinfo("example.org", 80),
    "urlopen": lambda: urllib.request.urlopen("http://192.0.2.1/context.jsonld", timeout=1),
    "udp": lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("192.0.2.1", 53)),
}
outcome = {}
for name, attempt in attempts.items():
    try:
        attempt()
        outcome[name] = "allowed"
    except network_guard.NetworkBlockedError as error:
        outcome[name] = "blocked: " + str(error)
    except OSError as error:
        outcome[name] = "os error: " + str(error)
print(json.dumps(outcome))
"""

LOOPBACK_ALLOWED = """
import socket, tempfile, os
from service import network_guard
server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
network_guard.install()
socket.create_connection(("127.0.0.1", port), timeout=2).close()
socket.create_connection(("localhost", port), timeout=2).close()
path = os.path.join(tempfile.mkdtemp(), "s")
unix = socket.socket(socket.AF_UNIX); unix.bind(path); unix.listen()
client = socket.socket(socket.AF_UNIX); client.connect(path); client.close()
print("ok")
"""


def in_private_network(command: list[str]) -> list[str]:
    """``command`` in a new network namespace (nothing but a down loopback), or skip."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare is absent: refusals are only tried without a network")
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a private network namespace: {probe.stderr.decode().strip()}")
    return [unshare, "-n", *command]


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        (None, True),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("192.168.1.1", False),
        ("example.org", False),
        ("localhost.example.org", False),
    ],
)
def test_is_loopback(host: str | None, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_non_loopback_connections_are_refused() -> None:
    command = in_private_network([sys.executable, "-c", BLOCKED_ATTEMPTS])
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    outcome = json.loads(result.stdout)
    assert set(outcome) == {"connect", "connect6", "resolve", "urlopen", "udp"}
    for name, verdict in outcome.items():
        assert verdict.startswith("blocked: network access to"), (name, verdict)


def test_loopback_and_unix_sockets_still_work() -> None:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(LOOPBACK_ALLOWED)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_serve_never_fetches_a_remote_jsonld_context(tmp_path: Path) -> None:
    """A JSON-LD file with a remote @context cannot make `serve` open a connection."""
    document = tmp_path / "remote-context.jsonld"
    document.write_text(
        json.dumps({"@context": "http://192.0.2.1/context.jsonld", "@id": "x:y", "name": "z"}),
        encoding="utf-8",
    )
    result = live.samverkan(
        "serve", document, "--get", "/health", timeout=120, wrapper=in_private_network([])
    )
    assert result.returncode == 2, result.stderr
    assert f"{document}:1: @context 'http://192.0.2.1/context.jsonld'" in result.stderr


ANY_COMMAND = """
import socket, sys
import click
from service.cli import main

@main.command("reach-out")
def reach_out() -> None:
    try:
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    except PermissionError as error:
        print("blocked:", error)
    except OSError as error:
        print("not blocked:", error)

main(["reach-out"], standalone_mode=False)
"""


def test_every_command_runs_behind_the_guard() -> None:
    """The click group installs the guard, so any subcommand (present or future) is covered."""
    command = in_private_network([sys.executable, "-c", ANY_COMMAND])
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("blocked: network access to 192.0.2.1:80"), result.stdout


ALLOW_ONE_ENDPOINT = """
import json, socket, urllib.request
from service import network_guard
network_guard.install()
network_guard.allow("http://192.0.2.7:8890/sparql")
network_guard.allow("https://engine.example/sparql")

def attempt(action):
    try:
        action()
    except network_guard.NetworkBlockedError as error:
        return "blocked"
    except OSError as error:  # no route in the private namespace: the guard let it through
        return "let through"
    return "let through"

print(json.dumps({
    "endpoint": attempt(lambda: socket.create_connection(("192.0.2.7", 8890), timeout=1)),
    "endpoint by urllib": attempt(
        lambda: urllib.request.urlopen("http://192.0.2.7:8890/sparql?query=ASK{}", timeout=1)
    ),
    "other port": attempt(lambda: socket.create_connection(("192.0.2.7", 80), timeout=1)),
    "other host": attempt(lambda: socket.create_connection(("192.0.2.8", 8890), timeout=1)),
    "endpoint name": attempt(lambda: socket.getaddrinfo("engine.example", 443)),
    "other name": attempt(lambda: socket.getaddrinfo("example.org", 443)),
    "allowed": network_guard.allowed(),
}))
"""


def test_allow_lets_exactly_one_endpoint_through() -> None:
    command = in_private_network([sys.executable, "-c", ALLOW_ONE_ENDPOINT])
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    outcome = json.loads(result.stdout)
    assert outcome == {
        "endpoint": "let through",
        "endpoint by urllib": "let through",
        "other port": "blocked",
        "other host": "blocked",
        "endpoint name": "let through",
        "other name": "blocked",
        "allowed": ["192.0.2.7:8890", "engine.example:443"],
    }


@pytest.mark.parametrize("url", ["ftp://192.0.2.1/", "not a url", "http://:80/", "http://h:99999/"])
def test_allow_refuses_what_is_not_an_http_endpoint(url: str) -> None:
    from service.network_guard import allow

    with pytest.raises(ValueError, match=r"URL|port"):
        allow(url)
