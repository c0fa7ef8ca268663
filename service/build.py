"""Parse → validate → build: the store the settings ask for, in memory, on disk or remote.

The orchestration above ``loading`` (which reads and validates files) and ``store`` (which
holds quads and answers queries); neither imports the other. Each file is parsed once
(``loading.rdf.parse_files``); the same quads are validated and go straight into the engine.
An on-disk store is rebuilt only when the content hash of its inputs and shapes changed; the
in-memory curated graph reuses a cached verdict for inputs and shapes it has validated
before, so an unchanged graph is not validated at every start. Backends come by name from
``store/backends.py``.
"""

import hashlib
import json
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from rdflib import Dataset

from .atomic import write_atomically
from .cli_options import BadInput
from .loading.rdf import (
    ParsedFile,
    RdfSyntaxError,
    parse_files,
    quads_of,
    read_rdf_bytes,
    to_dataset,
)
from .loading.validation import Finding, ValidationReport, load_shapes, validate_parsed
from .paths import default_graph_files, shape_files
from .settings import Settings
from .store import disk
from .store.backends import backend, on_disk, remote
from .store.base import Store
from .store.querying import DatasetStore


def data_files(settings: Settings) -> list[Path]:
    """The files the settings serve: ``settings.files`` or the curated graph."""
    return list(settings.files) or default_graph_files()


def parse_settings_files(settings: Settings) -> list[ParsedFile]:
    """Every input file parsed once (RdfSyntaxError with file and line on bad input)."""
    return list(parse_files(data_files(settings), dict(settings.named_graphs)))


def load_dataset(settings: Settings) -> Dataset:
    """``settings.files`` (or the curated graph) plus ``settings.named_graphs``, in rdflib."""
    return to_dataset(parse_settings_files(settings))


def build_store(dataset: Dataset, name: str) -> DatasetStore:
    """A store of the named backend holding ``dataset`` (ValueError for unknown backends)."""
    return backend(name).from_dataset(dataset)


def store_from_parsed(parsed: Sequence[ParsedFile], name: str) -> DatasetStore:
    """An in-memory store of the named backend holding the parsed files."""
    return backend(name).from_quads(quads_of(parsed))


def store_from_nquads(data: bytes, name: str) -> DatasetStore:
    """A store of the named backend holding an N-Quads dump."""
    return backend(name).from_nquads(data)


def _check_location(settings: Settings) -> None:
    """ValueError unless the settings' backend keeps a store in a folder."""
    if not backend(settings.store).on_disk:
        raise ValueError(f"--location needs a backend that keeps a store on disk: {on_disk()}")


def open_store(settings: Settings) -> Store:
    """The store the settings name, without validating: remote, on disk, or loaded now."""
    if settings.endpoint:
        return remote(settings)
    if settings.location is not None:
        _check_location(settings)
        if not settings.files and not settings.named_graphs:
            return disk.open_store(settings.location)
    backend(settings.store)  # fail before loading anything
    return store_from_parsed(parse_settings_files(settings), settings.store)


def open_store_or_fail(settings: Settings) -> Store:
    """The store for ``settings``; unreadable input becomes :class:`BadInput`."""
    try:
        return open_store(settings)
    except RdfSyntaxError as error:
        raise BadInput(str(error)) from None
    except (OSError, ValueError) as error:
        raise BadInput(f"cannot load the graph: {error}") from None


# --- loading with validation (serve, load) -----------------------------------------------


class InvalidGraph(Exception):
    """The graph does not conform to the shapes and invalid graphs are not allowed."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__("the graph does not conform to the shapes")
        self.report = report


@dataclass
class Prepared:
    """A store ready to serve, and the validation report if the graph was validated now."""

    store: Store
    report: ValidationReport | None
    #: True when an on-disk store was (re)built, False when it was reused unchanged.
    built: bool = False
    #: Seconds spent on each step that ran: "parsed", "validated", "built".
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """One line saying what was done and how long each step took."""
        steps = ", ".join(f"{step} in {seconds:.2f} s" for step, seconds in self.timings.items())
        return f"{self.store.triple_count()} quads" + (f": {steps}" if steps else "")


def _digest(settings: Settings) -> str:
    shapes = list(settings.shapes) or shape_files()
    return inputs_digest(data_files(settings), dict(settings.named_graphs), shapes)


def inputs_digest(files: Sequence[Path], named: Mapping[str, Path], shapes: Sequence[Path]) -> str:
    """A SHA-256 over the inputs' and shapes' names, roles and bytes (and the store's layout)."""
    digest = hashlib.sha256(f"samverkan-store/{disk.LAYOUT_VERSION}\n".encode())
    jobs = [("file", "", p) for p in files]
    jobs += [("graph", iri, p) for iri, p in named.items()]
    jobs += [("shapes", "", p) for p in shapes]
    for role, iri, path in jobs:
        data = read_rdf_bytes(path)
        header = f"{role}\t{iri}\t{Path(path).name}\t{len(data)}\n"
        digest.update(header.encode("utf-8"))
        digest.update(data)
    return digest.hexdigest()


def _validated(
    settings: Settings, parsed: Sequence[ParsedFile], digest: str | None
) -> ValidationReport:
    """The report for the parsed files, reused from the verdict cache if the digest is known."""
    validator = metadata.version("pyshacl")  # a new validator may judge differently
    cache = _verdict_cache() / f"{digest}-{validator}.json" if digest else None
    if cache is not None and cache.is_file():
        try:
            found = json.loads(cache.read_text(encoding="utf-8"))
            return ValidationReport([Finding(**item) for item in found])
        except (OSError, ValueError, TypeError):
            pass
    shapes = load_shapes(settings.shapes) if settings.shapes else None
    report = validate_parsed(parsed, shapes)
    if cache is not None:
        try:
            text = json.dumps([asdict(item) for item in report.findings], ensure_ascii=False)
            write_atomically(cache, text)
        except OSError:
            pass  # a read-only home: validate again next time
    return report


def _verdict_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "samverkan-kg" / "verdicts"


def prepare(settings: Settings, *, allow_invalid: bool | None = None) -> Prepared:
    """Load, validate and build the store the settings describe, ready to serve.

    Raises RdfSyntaxError / ShapesError for unreadable input, :class:`InvalidGraph` when the
    graph does not conform (unless invalid graphs are allowed), :class:`disk.NotAStore` for
    a ``--location`` without a store, ValueError for settings that do not fit together.
    """
    allowed = settings.allow_invalid if allow_invalid is None else allow_invalid
    if settings.endpoint:
        if settings.files or settings.named_graphs or settings.location:
            raise ValueError(
                "--endpoint serves what the remote engine holds: load files into it with "
                "`samverkan load FILE... --endpoint URL`"
            )
        return Prepared(open_store(settings), None)
    if settings.location is not None and not settings.files and not settings.named_graphs:
        return Prepared(open_store(settings), None)
    backend(settings.store)
    digest = _digest(settings)
    if settings.location is not None:
        _check_location(settings)
        manifest = disk.read_manifest(settings.location)
        if manifest is not None and manifest.get("digest") == digest:
            return Prepared(disk.open_store(settings.location), None)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    parsed = parse_settings_files(settings)
    timings["parsed"] = time.perf_counter() - started
    report = _validated(settings, parsed, digest)
    timings["validated"] = time.perf_counter() - started - timings["parsed"]
    if not report.conforms and not allowed:
        raise InvalidGraph(report)
    if settings.location is None:
        store = store_from_parsed(parsed, settings.store)
        timings["loaded"] = time.perf_counter() - started - sum(timings.values())
        return Prepared(store, report, timings=timings)
    disk.build(settings.location, quads_of(parsed), digest, _described(settings, report))
    del parsed
    timings["built"] = time.perf_counter() - started - sum(timings.values())
    return Prepared(disk.open_store(settings.location), report, built=True, timings=timings)


def _described(settings: Settings, report: ValidationReport) -> dict[str, object]:
    return {
        "files": [str(p) for p in data_files(settings)],
        "graphs": {iri: str(p) for iri, p in settings.named_graphs.items()},
        "shapes": [str(p) for p in settings.shapes] or "shapes/",
        "conforms": report.conforms,
        "violations": len(report.violations),
    }
