"""The on-disk store: an Oxigraph folder plus a manifest of what it was built from.

``samverkan load FILE... --location DIR`` writes ``DIR/oxigraph/`` (the engine's files) and
``DIR/manifest.json`` (the content hash of the inputs and the shapes — computed by
``build.py``, which reads the files — and what they were),
atomically: a build that fails or is killed leaves the previous store in place. ``serve
--location DIR`` opens it read-only without validating again; ``serve FILE... --location
DIR`` rebuilds only when the hash differs.
"""

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import pyoxigraph as ox

from ..atomic import atomic_folder
from .oxigraph_store import OxigraphStore

MANIFEST: Final = "manifest.json"
ENGINE_FOLDER: Final = "oxigraph"
#: Bumped when the layout changes, so an older store is rebuilt rather than misread.
LAYOUT_VERSION: Final = 1


class NotAStore(ValueError):
    """The folder holds no store built by ``samverkan load``."""


def read_manifest(location: Path) -> dict[str, Any] | None:
    """The manifest of the store in ``location``, or None if there is none."""
    try:
        found = json.loads((Path(location) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def build(
    location: Path, quads: Iterable[ox.Quad], digest: str, described: Mapping[str, Any]
) -> int:
    """Write a new store into ``location`` (atomically); the number of quads."""
    with atomic_folder(Path(location)) as folder:
        engine = ox.Store(str(folder / ENGINE_FOLDER))
        engine.bulk_extend(quads)
        engine.flush()
        engine.optimize()
        count = len(engine)
        del engine  # closes the database before the folder is renamed
        manifest = {"layout": LAYOUT_VERSION, "digest": digest, "quads": count, **described}
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return count


def open_store(location: Path) -> OxigraphStore:
    """The store in ``location``, read-only; :class:`NotAStore` if there is none."""
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
