"""Run one function in a child process under a time and a memory budget.

Reading an upload (a workbook's XML, an RDF file) is CPU-bound Python: in the server's
event loop it stalls every other request, and a hostile file can take minutes or gigabytes.
:func:`run_bounded` runs it in a process forked by the forkserver (safe in a threaded
server, where a plain fork is not), whose address space may grow by at most ``memory``
bytes, and stops it after ``seconds``: :class:`OverBudget` says which budget was passed.
The caller waits in a thread, so the event loop goes on serving.
"""

import multiprocessing
import pickle
import resource
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Final, Literal, TypeVar

T = TypeVar("T")

_CONTEXT: Final = multiprocessing.get_context("forkserver")


class OverBudget(Exception):
    """The function ran out of time or memory (``kind``) and was stopped."""

    def __init__(self, kind: Literal["time", "memory"], limit: float) -> None:
        self.kind = kind
        self.limit = limit
        unit = f"{limit:g} s" if kind == "time" else f"{limit / 2**20:g} MiB"
        super().__init__(f"used more {kind} than it may ({unit}) and was stopped")


def cap_memory(extra: int) -> None:
    """Let this process's address space grow by at most ``extra`` bytes from now on: an
    allocation past it fails (MemoryError in Python; a native engine aborts)."""
    statm = Path("/proc/self/statm").read_text().split()
    size = int(statm[0]) * resource.getpagesize()
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    soft = size + extra if hard == resource.RLIM_INFINITY else min(size + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _child(
    conn: Connection, function: Callable[..., Any], args: tuple[Any, ...], memory: int
) -> None:
    cap_memory(memory)
    try:
        outcome: tuple[str, object] = ("ok", function(*args))
    except MemoryError:
        outcome = ("memory", None)
    except Exception as error:  # the function's own errors are the caller's to handle
        outcome = ("error", error)
    try:
        conn.send_bytes(pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
    except MemoryError:
        conn.send_bytes(pickle.dumps(("memory", None)))


def run_bounded(
    function: Callable[..., T], args: tuple[Any, ...], *, seconds: float, memory: int
) -> T:
    """``function(*args)`` in a child process; its result, or its exception re-raised, or
    :class:`OverBudget`. Blocks: call it from a thread. ``function`` must be importable."""
    receive, send = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(
        target=_child, args=(send, function, args, memory), name="samverkan-bounded", daemon=True
    )
    process.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise OverBudget("time", seconds)
        try:
            kind, value = pickle.loads(receive.recv_bytes())
        except (EOFError, OSError):  # it died without a word: a native allocation aborted
            process.join(timeout=5)
            if process.exitcode == -signal.SIGABRT:
                raise OverBudget("memory", memory) from None
            raise RuntimeError(
                f"the child process stopped (exit code {process.exitcode})"
            ) from None
        if kind == "memory":
            raise OverBudget("memory", memory)
        if kind == "error":
            assert isinstance(value, BaseException)
            raise value
        return value  # type: ignore[no-any-return]
    finally:
        if process.is_alive():
            process.kill()
        process.join(timeout=5)
        receive.close()
