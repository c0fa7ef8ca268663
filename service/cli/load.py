"""`samverkan load`: validate files, then build the on-disk store or upload them to an engine.

Exit codes: 0 loaded, 1 violations (nothing written), 2 unreadable input.
"""

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import click
from pydantic import ValidationError

from .. import network_guard
from ..build import InvalidGraph, parse_settings_files, prepare
from ..cli_options import setting_option
from ..loading.cli import EXIT_CONFORMS, EXIT_UNREADABLE, EXIT_VIOLATIONS, InputError, rdf_files
from ..loading.rdf import RdfSyntaxError, quads_of
from ..loading.validation import ShapesError, load_shapes, validate_parsed
from ..settings import Settings
from ..store import disk
from ..store.backends import remote as remote_store
from ..store.remote import RemoteError
from .serve import parse_graph_option


def load_run(
    files: Sequence[Path],
    graphs: Sequence[str],
    settings_given: dict[str, object],
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """``samverkan load``: validate FILES, then build the on-disk store or upload them."""
    try:
        inputs = rdf_files(files)
        named = dict(parse_graph_option(g) for g in graphs)
        settings = Settings(**settings_given, files=inputs, named_graphs=named)  # type: ignore[arg-type]
    except (InputError, ValueError, ValidationError) as error:
        print(f"error: {error}", file=err)
        return EXIT_UNREADABLE
    if (settings.location is None) == (settings.endpoint is None):
        print("error: give exactly one of --location DIR and --endpoint URL", file=err)
        return EXIT_UNREADABLE
    try:
        if settings.endpoint is not None:
            return _upload(settings, out, err)
        prepared = prepare(settings)
    except (RdfSyntaxError, ShapesError, disk.NotAStore) as error:
        print(error, file=err)
        return EXIT_UNREADABLE
    except InvalidGraph as refused:
        print(refused.report.to_text(), file=err)
        print("refusing to load a graph that does not conform (use --allow-invalid)", file=err)
        return EXIT_VIOLATIONS
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=err)
        return EXIT_UNREADABLE
    if prepared.report is not None and not prepared.report.conforms:
        print(prepared.report.to_text(), file=err)
    verb = "built" if prepared.built else "unchanged"
    print(f"{settings.location}: {verb}, {prepared.summary()}", file=out)
    prepared.store.close()
    return EXIT_CONFORMS


def _upload(settings: Settings, out: TextIO, err: TextIO) -> int:
    parsed = parse_settings_files(settings)
    shapes = load_shapes(settings.shapes) if settings.shapes else None
    report = validate_parsed(parsed, shapes)
    if not report.conforms:
        print(report.to_text(), file=err)
        if not settings.allow_invalid:
            print("refusing to load a graph that does not conform (use --allow-invalid)", file=err)
            return EXIT_VIOLATIONS
    try:
        remote = remote_store(settings)
    except ValueError as error:
        print(f"error: {error}", file=err)
        return EXIT_UNREADABLE
    begun = time.perf_counter()
    try:
        count = remote.upload(quads_of(parsed))
    except RemoteError as error:
        print(f"error: {error}", file=err)
        return EXIT_UNREADABLE
    took = time.perf_counter() - begun
    target = remote.update_endpoint or remote.graph_store
    print(f"{target}: uploaded {count} triples in {took:.1f} s", file=out)
    return EXIT_CONFORMS


@click.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--graph", "graphs", multiple=True, metavar="IRI=FILE", help="Load FILE as the named graph IRI."
)
@setting_option("location", type=click.Path(file_okay=False, path_type=Path))
@setting_option("endpoint")
@setting_option("graph_store_endpoint")
@setting_option("update_endpoint")
@setting_option("endpoint_dialect")
@click.option(
    "--shapes",
    "shape_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Validate against these SHACL files instead of shapes/ (repeatable).",
)
@click.option("--allow-invalid", is_flag=True, help="Load even if the graph does not conform.")
def load(
    files: tuple[Path, ...],
    graphs: tuple[str, ...],
    shape_files: tuple[Path, ...],
    allow_invalid: bool,
    **overrides: object,
) -> None:
    """Validate FILES (files or folders) and build an on-disk store in --location DIR, or
    upload them to a SPARQL engine's Graph Store (--endpoint URL, --graph-store-endpoint).

    The store records a content hash of its inputs and the shapes; loading unchanged inputs
    again does nothing. `samverkan serve --location DIR` then serves it without validating.

    Exit codes: 0 loaded, 1 violations (nothing written), 2 unreadable input.
    """
    given: dict[str, object] = {k: v for k, v in overrides.items() if v is not None}
    given["allow_invalid"] = allow_invalid
    if shape_files:
        given["shapes"] = list(shape_files)
    if given.get("endpoint"):
        for key in ("endpoint", "graph_store_endpoint", "update_endpoint"):
            url = given.get(key)
            if url:
                network_guard.allow(str(url))
        network_guard.install()
    raise SystemExit(load_run(files, graphs, given))
