"""The embedded store backends by name: the one list the settings' choices, the builder
(``build.py``) and the tests read.

A new embedded backend is a module implementing :class:`~.querying.DatasetStore` with the
constructors of :class:`Constructors`, and one line in :data:`BACKENDS`. The remote backend
(``remote.py``) is chosen by ``--endpoint``, not by name.
"""

from collections.abc import Iterable
from typing import Protocol

import pyoxigraph as ox
from rdflib import Dataset

from .oxigraph_store import OxigraphStore
from .querying import DatasetStore
from .rdflib_store import RdflibStore


class Constructors(Protocol):
    """What a backend class offers the builder: its name and three ways to be filled."""

    name: str
    #: Whether it keeps a store in a folder (``--location``, see ``disk.py``).
    on_disk: bool

    def from_quads(self, quads: Iterable[ox.Quad], /) -> DatasetStore: ...

    def from_nquads(self, data: bytes, /) -> DatasetStore: ...

    def from_dataset(self, dataset: Dataset, /) -> DatasetStore: ...


#: Name → backend class; the first is the default.
BACKENDS: dict[str, Constructors] = {
    backend.name: backend
    for backend in (
        OxigraphStore,
        RdflibStore,
    )
}


def backend(name: str) -> Constructors:
    """The backend called ``name``; ValueError naming the known ones otherwise."""
    try:
        return BACKENDS[name]
    except KeyError:
        known = ", ".join(BACKENDS)
        raise ValueError(f"unknown store backend {name!r} (known: {known})") from None


def default() -> Constructors:
    """The default backend: the registry's first (``Settings.store``'s default names it)."""
    return next(iter(BACKENDS.values()))


def on_disk() -> list[str]:
    """The backends that keep a store in a folder."""
    return [name for name, found in BACKENDS.items() if found.on_disk]
