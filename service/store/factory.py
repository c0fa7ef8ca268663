"""Build the store the settings ask for, from the curated graph or the given files."""

from rdflib import Dataset

from ..loading.rdf import load_files
from ..paths import default_graph_files
from ..settings import Settings
from .oxigraph_store import OxigraphStore
from .querying import DatasetStore
from .rdflib_store import RdflibStore

BACKENDS: dict[str, type[OxigraphStore] | type[RdflibStore]] = {
    "oxigraph": OxigraphStore,
    "rdflib": RdflibStore,
}


def _backend(name: str) -> type[OxigraphStore] | type[RdflibStore]:
    try:
        return BACKENDS[name]
    except KeyError:
        known = ", ".join(sorted(BACKENDS))
        raise ValueError(f"unknown store backend {name!r} (known: {known})") from None


def load_dataset(settings: Settings) -> Dataset:
    """``settings.files`` (or the curated graph) plus ``settings.named_graphs``.

    Raises :class:`service.loading.RdfSyntaxError` with file and line on bad input.
    """
    files = list(settings.files) or default_graph_files()
    return load_files(files, {iri: path for iri, path in settings.named_graphs.items()})


def build_store(dataset: Dataset, backend: str) -> DatasetStore:
    """A store of the named backend holding ``dataset`` (ValueError for unknown backends)."""
    return _backend(backend).from_dataset(dataset)


def store_from_nquads(data: bytes, backend: str) -> DatasetStore:
    """A store of the named backend holding an N-Quads dump (used by query workers)."""
    return _backend(backend).from_nquads(data)


def open_store(settings: Settings) -> DatasetStore:
    """Load the files the settings name into the backend the settings choose."""
    backend = _backend(settings.store)  # fail before loading anything
    return backend.from_dataset(load_dataset(settings))
