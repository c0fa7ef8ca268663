"""The embedded store backends by name: the one list the settings' choices, the builder
(``build.py``) and the tests read.

A new embedded backend is a module implementing :class:`~.querying.DatasetStore` with the
constructors of :class:`Constructors`, and one line in :data:`BACKENDS`. The remote backend
(``remote.py``) is chosen by ``--endpoint``, not by name; how it speaks to its engine by
``--endpoint-dialect``, a name in :data:`DIALECTS`.
"""

from collections.abc import Iterable
from typing import Protocol

import pyoxigraph as ox
from rdflib import Dataset

from ..settings import Settings
from .oxigraph_store import OxigraphStore
from .querying import DatasetStore
from .rdflib_store import RdflibStore
from .remote import RemoteStore
from .virtuoso import VirtuosoStore


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


#: Dialect name → the remote backend's class for such an engine; the first is the default.
DIALECTS: dict[str, type[RemoteStore]] = {"sparql11": RemoteStore, "virtuoso": VirtuosoStore}


def remote(settings: Settings) -> RemoteStore:
    """The remote backend the settings name (``endpoint``, ``endpoint_dialect``)."""
    try:
        dialect = DIALECTS[settings.endpoint_dialect]
    except KeyError:
        known = ", ".join(DIALECTS)
        raise ValueError(
            f"unknown endpoint dialect {settings.endpoint_dialect!r} (known: {known})"
        ) from None
    return dialect.from_settings(settings)
