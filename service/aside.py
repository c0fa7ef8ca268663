"""Run one function in a forked child while this process goes on: the other core works too.

``serve`` checks the saved-question library (rdflib's SPARQL parser, about half a second)
while it validates the graph (pyshacl, about as long): both are pure Python, so threads
would take turns on the GIL, but a forked child runs truly beside its parent. The child
inherits everything already imported and parsed, runs the function, sends back its pickled
result and exits.

A fork is only safe while this process has a single thread (another thread may hold a lock
the child would wait on forever), so with several threads — or without ``os.fork`` — the
function simply runs when its result is asked for.
"""

import os
import pickle
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Aside(Generic[T]):
    """The pending result of ``function()``, computed in a forked child where possible."""

    def __init__(self, function: Callable[[], T]) -> None:
        self._function = function
        self._child: tuple[int, int] | None = None  # (pid, read end of the pipe)
        if hasattr(os, "fork") and threading.active_count() == 1:
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns into the parent's code
                os.close(read)
                self._run_child(write)
            os.close(write)
            self._child = (pid, read)

    def _run_child(self, write: int) -> None:
        status = 1
        try:
            data = pickle.dumps(self._function(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)  # no atexit handlers, no buffers flushed twice

    def result(self) -> T:
        """The function's result; it runs here if the child could not be used (or failed)."""
        if self._child is not None:
            pid, read = self._child
            self._child = None
            with os.fdopen(read, "rb") as answer:
                data = answer.read()
            _, status = os.waitpid(pid, 0)
            if status == 0 and data:
                result: T = pickle.loads(data)
                return result
        return self._function()  # no fork, or the child failed: its error is raised here
