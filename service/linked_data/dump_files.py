"""The dumps at ``/dump.*``: each written once per served store to a file, then served from it.

The first request for a syntax writes the whole dataset as N-Quads (by the engine, as it
goes, for Oxigraph), then that syntax from the N-Quads file with Oxigraph's streaming parser
and serializer: nothing holds the graph as Python objects, and no later request serialises
anything. A file is served with its length and a strong ``ETag`` (the SHA-256 of its bytes);
``If-None-Match`` with that tag is a 304. The files live in a private temporary folder,
removed when the app stops. The store does not change while it is served, so a written dump
stays true.

A Turtle dump cannot name graphs: it merges them, each triple once (a triple in two graphs is
remembered, by its N-Triples line, only when there are named graphs).
"""

import hashlib
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pyoxigraph as ox

from .. import formats as f
from ..formats import Format
from ..namespaces import PREFIXES
from ..serialize import serialize_graph
from ..store.base import Store
from ..store.oxigraph_store import OxigraphStore

CHUNK: Final = 1 << 20


@dataclass(frozen=True)
class DumpFile:
    """A written dump: where it is and its entity tag (quoted, as the header carries it)."""

    path: Path
    etag: str


class DumpFiles:
    """The dumps of one store, written on first request (one writer at a time)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._folder: Path | None = None
        self._written: dict[str, DumpFile] = {}

    def get(self, fmt: Format) -> DumpFile:
        """The dump in ``fmt`` (one of ``void.DUMPS``), written first if it is not yet."""
        with self._lock:
            found = self._written.get(fmt.short)
            if found is None:
                found = self._written[fmt.short] = self._write(fmt)
            return found

    def written(self, fmt: Format) -> bool:
        """Whether the dump in ``fmt`` is written (a request for it is then served at once)."""
        with self._lock:
            return fmt.short in self._written

    def close(self) -> None:
        """Remove the files (the app stops)."""
        with self._lock:
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
            self._folder, self._written = None, {}

    def _write(self, fmt: Format) -> DumpFile:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="samverkan-dumps-"))
        quads = self._folder / "dump.nq"
        if f.NQUADS.short not in self._written:
            with quads.open("wb") as out:
                if isinstance(self.store, OxigraphStore):
                    self.store.write_nquads(out)
                else:  # rdflib or a remote engine: written from its dataset, once
                    out.write(serialize_graph(self.store.dataset(), f.NQUADS))
            self._written[f.NQUADS.short] = DumpFile(quads, _etag(quads))
        if fmt is f.NQUADS:
            return self._written[fmt.short]
        target = self._folder / f"dump.{fmt.extension}"
        assert isinstance(fmt.oxigraph, ox.RdfFormat), f"{fmt.name} is not an RDF syntax"
        parsed = ox.parse(path=quads, format=ox.RdfFormat.N_QUADS)
        merged = not fmt.holds_datasets
        ox.serialize(
            _triples(parsed, once=bool(self.store.named_graphs())) if merged else parsed,
            output=target,
            format=fmt.oxigraph,
            prefixes=dict(PREFIXES),
        )
        return DumpFile(target, _etag(target))


def _triples(quads: Iterator[ox.Quad], *, once: bool) -> Iterator[ox.Triple]:
    """The quads' triples, graphs merged; ``once``: each triple once across graphs."""
    seen: set[bytes] = set()
    for quad in quads:
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        if once:
            key = hashlib.blake2b(str(triple).encode(), digest_size=16).digest()
            if key in seen:
                continue
            seen.add(key)
        yield triple


def _etag(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while chunk := data.read(CHUNK):
            digest.update(chunk)
    return f'"{digest.hexdigest()}"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (or is ``*``)."""
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags
