"""Real SPARQL engines for the remote backend's tests: `oxigraph serve` and Virtuoso.

PyPI's ``oxigraph`` package (a test extra) provides the first; each :meth:`Engines.store`
starts a fresh in-memory server, uploads a dataset through the Graph Store Protocol with the
service's own ``RemoteStore.upload`` and returns the store. Debian's ``virtuoso-opensource``
provides the second: one private server per session (``virtuoso_server.py``), each
:meth:`Engines.virtuoso_store` a dataset of its own in it (its own pointer graph), loaded by
the Virtuoso dialect's ``upload``. :meth:`Engines.close` stops them all. A missing program is
a skip, or a failure under ``CI=true`` (CI installs both).
"""

import contextlib
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import NoReturn

import httpx
import pyoxigraph as ox
import pytest
from live import free_port, stop_group
from locations import on_ci
from rdflib import Dataset
from virtuoso_server import PASSWORD, USER, VirtuosoAbsent, VirtuosoServer

from service.build import build_store
from service.store import disk
from service.store.backends import BACKENDS, on_disk
from service.store.base import Store
from service.store.remote import RemoteStore
from service.store.virtuoso import VirtuosoStore

#: The embedded backends, as the registry lists them.
EMBEDDED = tuple(BACKENDS)
#: The remote engines: "remote" is `oxigraph serve` (the standard), "virtuoso" Virtuoso
#: through its dialect.
REMOTE = ("remote", "virtuoso")
#: The backends every SPARQL-level suite runs on: the embedded ones and the remote engines.
SPARQL_BACKENDS = (*EMBEDDED, *REMOTE)
#: Every way a store is held (the conformance suite): in memory, on disk, remote.
EVERY_STORE = (*EMBEDDED, *(f"{name}-on-disk" for name in on_disk()), *REMOTE)


def skip_or_fail(reason: str) -> NoReturn:
    """Skip saying what is missing; under ``CI=true`` fail: CI installs every engine."""
    if on_ci():
        pytest.fail(f"{reason} (under CI=true the remote engines' tests must run)", pytrace=False)
    pytest.skip(reason)


def oxigraph_server() -> str | None:
    """The `oxigraph` server program (the test extra installs it beside python), or None."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


class OxigraphServer:
    """An in-memory `oxigraph serve` on a free loopback port."""

    def __init__(self) -> None:
        program = oxigraph_server()
        if program is None:
            skip_or_fail("the oxigraph server is absent (pip install oxigraph)")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [program, "serve", "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(self.query_url, params={"query": "ASK {}"}, timeout=2).is_success:
                    return
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"oxigraph serve did not start on {self.base}")
            time.sleep(0.05)

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    def stop(self) -> None:
        if self.process.poll() is None:
            stop_group(self.process, grace=5)  # type: ignore[arg-type]


class Engines:
    """Remote engines started by a test session; :meth:`close` ends them all."""

    def __init__(self) -> None:
        self._servers: list[OxigraphServer] = []
        self._virtuoso: VirtuosoServer | None = None
        self._datasets = 0

    def virtuoso(self) -> VirtuosoServer:
        """The session's private Virtuoso, started on first use."""
        if self._virtuoso is None:
            try:
                self._virtuoso = VirtuosoServer()
            except VirtuosoAbsent as absent:
                skip_or_fail(str(absent))
        return self._virtuoso

    def virtuoso_store(self, dataset: Dataset, timeout: float = 30.0) -> VirtuosoStore:
        """A Virtuoso dialect store over a dataset of its own in the session's Virtuoso."""
        server = self.virtuoso()
        self._datasets += 1
        store = VirtuosoStore(
            server.query_url,
            server.store_url,
            httpx.DigestAuth(USER, PASSWORD),
            timeout,
            dataset=f"urn:samverkan-kg:test-dataset:{self._datasets}",
        )
        store.upload(nquads(dataset))
        return store

    def server(self) -> OxigraphServer:
        server = OxigraphServer()
        self._servers.append(server)
        return server

    def store(self, dataset: Dataset, timeout: float = 30.0) -> RemoteStore:
        """A RemoteStore over a fresh engine holding ``dataset``."""
        server = self.server()
        store = RemoteStore(server.query_url, server.store_url, timeout=timeout)
        store.upload(nquads(dataset))
        return store

    def running(self) -> int:
        return len(self._servers)

    def stop(self, keep: int = 0) -> None:
        """Stop the `oxigraph serve` engines started after the first ``keep`` ones."""
        for server in self._servers[keep:]:
            server.stop()
        del self._servers[keep:]

    def close(self) -> None:
        """Stop every engine, Virtuoso too."""
        self.stop()
        if self._virtuoso is not None:
            self._virtuoso.stop()
            self._virtuoso = None


def store_of(dataset: Dataset, backend: str, engines: Engines, folder: Path | None = None) -> Store:
    """A store of ``backend`` (an embedded one, "NAME-on-disk" built in ``folder``, or
    a real engine: "remote" or "virtuoso") holding ``dataset``."""
    if backend == "remote":
        return engines.store(dataset)
    if backend == "virtuoso":
        return engines.virtuoso_store(dataset)
    if backend.endswith("-on-disk"):
        assert folder is not None, "a store on disk needs a folder"
        disk.build(folder, nquads(dataset), "conformance", {})
        return disk.open_store(folder)
    return build_store(dataset, backend)


def nquads(dataset: Dataset) -> list[ox.Quad]:
    """The dataset's quads as Oxigraph quads (what a store is filled with)."""
    data = dataset.serialize(format="nquads", encoding="utf-8")
    return list(ox.parse(data, ox.RdfFormat.N_QUADS)) if data.strip() else []


@contextlib.contextmanager
def reading(read: Callable[[], Hashable]) -> Iterator[dict[Hashable, int]]:
    """Call ``read`` in a thread again and again while the block runs (a reader during a
    load): what it answered, with how often. The block starts once it has answered; the
    test fails with what the reader met if a call raised."""
    seen: dict[Hashable, int] = {}
    failures: list[BaseException] = []
    done, answered = threading.Event(), threading.Event()

    def loop() -> None:
        try:
            while not done.is_set():
                found = read()
                seen[found] = seen.get(found, 0) + 1
                answered.set()
        except Exception as error:  # reported below, after the block
            failures.append(error)
            answered.set()

    thread = threading.Thread(target=loop)
    thread.start()
    try:
        assert answered.wait(60), "the reader never got an answer"
        yield seen
    finally:
        done.set()
        thread.join()
    assert not failures, failures
