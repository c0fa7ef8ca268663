"""What the service works out once per store, worked out once even when requests ask for it
at the same time, and worked out ahead of the readers when the app starts.

At 1e6 triples the kinds and their column statistics, each kind's names and facet values,
the search index, the outside IRIs the graph describes and the dumps take half a minute to
read; the store does not change while it is served, so each is computed once (:class:`Once`)
and kept. :class:`WarmUp` computes them in a background thread as the app starts, through
the same :class:`Once`: a request arriving meanwhile waits for that computation (or, asking
for something not yet reached, computes it, and the warm-up then finds it done) — nothing is
computed twice. ``/health`` says ``"warm": "warming"`` until it is done, then ``"ready"``
(``"off"`` in an app answering in-process, ``serve --get`` or the static site, which reads
only what its requests need).
"""

import logging
import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Literal, TypeVar, cast

log = logging.getLogger(__name__)
T = TypeVar("T")


class Once:
    """Values of one store computed once per key; a second asker waits for the first."""

    def __init__(self, store: object) -> None:
        self.store = store  # the store, compared by identity (this module is below the store)
        self._guard = threading.Lock()  # held only to look up and record
        self._values: dict[Hashable, object] = {}
        self._computing: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for ``key``: computed by ``compute`` on first use (an error is raised
        to the asker and nothing is kept: the next asker tries again)."""
        with self._guard:
            if key in self._values:
                return cast(T, self._values[key])
            lock = self._computing.setdefault(key, threading.Lock())
        with lock:
            with self._guard:
                if key in self._values:  # computed while this asker waited
                    return cast(T, self._values[key])
            value = compute()
            with self._guard:
                self._values[key] = value
                self._computing.pop(key, None)
            return value

    def done(self, key: Hashable) -> bool:
        with self._guard:
            return key in self._values


_ONCE_GUARD = threading.Lock()


def once(state: Any, store: object) -> Once:
    """The :class:`Once` of the store an app serves (``state`` is ``app.state``); a new one
    when the app's store was replaced."""
    with _ONCE_GUARD:
        found: Once | None = getattr(state, "once", None)
        if found is None or found.store is not store:
            found = state.once = Once(store)
        return found


Step = tuple[str, Callable[[], object]]


class WarmUp:
    """Runs the steps in turn in a daemon thread; a failing step is logged and skipped (the
    request that needs it computes it again and answers the error)."""

    def __init__(self, steps: Callable[[], Sequence[Step]]) -> None:
        self._steps = steps
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.state: Literal["off", "warming", "ready"] = "off"  # "off": never started

    def start(self) -> None:
        """Start warming (again, when the app is started again: what is done stays done)."""
        self._stop.clear()
        self.state = "warming"
        self._thread = threading.Thread(target=self._run, name="samverkan-warm-up", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop after the running step (the app stops: the store is about to close)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        try:
            steps = self._steps()
        except Exception:
            log.exception("warm-up: could not list the steps")
            steps = []
        for name, step in steps:
            if self._stop.is_set():
                return
            try:
                step()
            except Exception:
                log.exception("warm-up: %s failed", name)
        self.state = "ready"
