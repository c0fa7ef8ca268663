"""A private Virtuoso (Debian's ``virtuoso-opensource``) for the tests and the benchmark.

A plain module (``tests/engines.py`` and ``bench/run.py`` import it): :class:`VirtuosoServer`
writes its own ``virtuoso.ini`` and database into a temporary folder, listens on free
loopback ports (SQL and HTTP), and :meth:`~VirtuosoServer.stop` ends it and removes the
folder. The system's own Virtuoso service and its data are never touched.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

#: The server program Debian's package installs.
PROGRAM = "virtuoso-t"
#: A fresh database's administrator (the private instance only ever listens on loopback).
USER, PASSWORD = "dba", "dba"

_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 20
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {db}
ThreadsPerQuery = 2
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
MaxQueryMem = 1G

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
MaxClientConnections = 20
ServerThreads = 20
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
; Whole answers: the service cuts them at its own max_rows and stops slow queries itself.
ResultSetMaxRows = 100000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
"""


class VirtuosoAbsent(RuntimeError):
    """The ``virtuoso-t`` program is not installed."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class VirtuosoServer:
    """A Virtuoso with its own configuration and database in a temporary folder."""

    def __init__(self, buffers: int = 10_000) -> None:
        program = shutil.which(PROGRAM)
        if program is None:
            raise VirtuosoAbsent(
                f"{PROGRAM} is absent (apt-get install virtuoso-opensource; .ci/run does)"
            )
        self.folder = Path(tempfile.mkdtemp(prefix="samverkan-virtuoso-"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        ini = self.folder / "virtuoso.ini"
        ini.write_text(
            _INI.format(
                db=self.folder,
                sql_port=free_port(),
                http_port=self.port,
                buffers=buffers,
                dirty=buffers * 3 // 4,
            ),
            encoding="utf-8",
        )
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [program, "+configfile", str(ini), "+foreground"],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.ready = self._wait()

    def _wait(self) -> float:
        """Seconds until the SPARQL endpoint answered; RuntimeError (with its log) if never."""
        deadline = self.started + 120
        while True:
            try:
                probe = httpx.get(self.query_url, params={"query": "ASK {}"}, timeout=2)
                if probe.is_success:
                    return time.monotonic() - self.started
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = self.log()
                self.stop()
                raise RuntimeError(f"virtuoso did not start on {self.base}:\n{log}")
            time.sleep(0.1)

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(errors="replace")[-2000:] if path.is_file() else ""

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol, with Digest authentication."""
        return f"{self.base}/sparql-graph-crud-auth"

    def restart(self) -> float:
        """Stop and start again on the same database: seconds until it answered."""
        self._end()
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            self.process.args,
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.ready = self._wait()
        return self.ready

    def _end(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)  # Virtuoso checkpoints and exits
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def stop(self) -> None:
        """End the server and remove its folder."""
        self._end()
        shutil.rmtree(self.folder, ignore_errors=True)
