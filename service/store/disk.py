"""The on-disk store: an Oxigraph folder plus a manifest of what it was built from.

``samverkan load FILE... --location DIR`` writes ``DIR/oxigraph/`` (the engine's files) and
``DIR/manifest.json`` (the content hash of the inputs and the shapes, and what they were),
atomically: a build that fails or is killed leaves the previous store in place. ``serve
--location DIR`` opens it read-only without validating again; ``serve FILE... --location
DIR`` rebuilds only when the hash differs.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import pyoxigraph as ox

from ..atomic import atomic_folder, recover_folder
from ..loading.rdf import ParsedFile, read_rdf_bytes
from .oxigraph_store import OxigraphStore

MANIFEST: Final = "manifest.json"
ENGINE_FOLDER: Final = "oxigraph"
#: Bumped when the layout changes, so an older store is rebuilt rather than misread.
LAYOUT_VERSION: Final = 1


class NotAStore(ValueError):
    """The folder holds no store built by ``samverkan load``."""


def inputs_digest(files: Sequence[Path], named: Mapping[str, Path], shapes: Sequence[Path]) -> str:
    """A SHA-256 over the inputs' and shapes' names, roles and bytes."""
    digest = hashlib.sha256(f"samverkan-store/{LAYOUT_VERSION}\n".encode())
    jobs = [("file", "", p) for p in files]
    jobs += [("graph", iri, p) for iri, p in named.items()]
    jobs += [("shapes", "", p) for p in shapes]
    for role, iri, path in jobs:
        data = read_rdf_bytes(path)
        header = f"{role}\t{iri}\t{Path(path).name}\t{len(data)}\n"
        digest.update(header.encode("utf-8"))
        digest.update(data)
    return digest.hexdigest()


def read_manifest(location: Path) -> dict[str, Any] | None:
    """The manifest of the store in ``location``, or None if there is none."""
    try:
        found = json.loads((Path(location) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def build(
    location: Path, parsed: Iterable[ParsedFile], digest: str, described: Mapping[str, Any]
) -> int:
    """Write a new store into ``location`` (atomically); the number of quads."""
    with atomic_folder(Path(location)) as folder:
        engine = ox.Store(str(folder / ENGINE_FOLDER))
        for item in parsed:
            engine.bulk_extend(item.quads)
        engine.flush()
        engine.optimize()
        count = len(engine)
        del engine  # closes the database before the folder is renamed
        manifest = {"layout": LAYOUT_VERSION, "digest": digest, "quads": count, **described}
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return count


def open_store(location: Path) -> OxigraphStore:
    """The store in ``location``, read-only; :class:`NotAStore` if there is none.

    What a killed ``load`` left is put right first (and said on stderr): the previous store
    moved back if the swap was cut between its renames, unfinished builds removed.
    """
    recover_folder(Path(location))
    manifest = read_manifest(location)
    if manifest is None or manifest.get("layout") != LAYOUT_VERSION:
        raise NotAStore(
            f"{location}: no store built by `samverkan load` here (build one with "
            f"`samverkan load FILE... --location {location}`)"
        )
    try:
        return OxigraphStore.open(Path(location) / ENGINE_FOLDER)
    except OSError as error:
        raise NotAStore(f"{location}: cannot open the store: {error}") from error
