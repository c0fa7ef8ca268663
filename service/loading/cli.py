"""`samverkan validate`: check RDF files against the SHACL shapes and print the report.

Exit codes: 0 the graph conforms (warnings allowed), 1 it has violations, 2 an input or a
shapes file cannot be read (``file:line: message`` on stderr, never a traceback).
"""

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from ..cli.support import setting_option
from ..paths import default_graph_files, rdf_files_in
from .rdf import RdfSyntaxError
from .validation import ShapesError, load_shapes, validate_files, with_ontology

if TYPE_CHECKING:
    from ..settings import Settings

EXIT_CONFORMS = 0
EXIT_VIOLATIONS = 1
EXIT_UNREADABLE = 2

FORMATS = ("text", "json")


class InputError(ValueError):
    """A path given on the command line cannot be used."""


def _rdf_files(paths: Sequence[Path]) -> list[Path]:
    """The files to read: each file as given, each folder's RDF files (recursively, sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = rdf_files_in(path)
            if not found:
                raise InputError(f"{path}: folder holds no RDF files")
            files += found
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise InputError(f"{path}: not a regular file")
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def run(
    files: Sequence[Path],
    fmt: str = "text",
    shapes: Sequence[Path] = (),
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Validate ``files`` (with the ontology added) or the curated graph; print the report."""
    try:
        inputs = with_ontology(_rdf_files(files)) if files else default_graph_files()
        shape_graph = load_shapes(_rdf_files(shapes)) if shapes else load_shapes()
        report = validate_files(inputs, shape_graph)
    except (InputError, RdfSyntaxError, ShapesError) as error:
        print(error, file=err)
        return EXIT_UNREADABLE
    print(report.to_json() if fmt == "json" else report.to_text(), file=out)
    return EXIT_CONFORMS if report.conforms else EXIT_VIOLATIONS


#: ``--shapes FILE`` (repeatable), shared by the commands that validate.
shapes_option = click.option(
    "--shapes",
    "shape_files",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Validate against these SHACL files (or folders) instead of shapes/ (repeatable).",
)


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="A readable report, or JSON for machines.",
)
@shapes_option
def validate(files: tuple[Path, ...], fmt: str, shape_files: tuple[Path, ...]) -> None:
    """Validate the curated graph (ontology + data/), or FILES, against the SHACL shapes.

    FILES (RDF files or folders of them) are validated as they are, with the ontology added
    so that the vocabulary's terms count as described; a link to a resource described in a
    file not given counts as undescribed (give the folder, e.g. data/). Prints file, focus
    node, path, severity and message for each result.

    Exit codes: 0 conforms (warnings allowed), 1 violations, 2 unreadable input
    (file:line: message on stderr).
    """
    raise SystemExit(run(files, fmt, shape_files))


def load_run(
    files: Sequence[Path],
    graphs: Sequence[str],
    settings_given: dict[str, object],
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """``samverkan load``: validate FILES, then build the on-disk store or upload them."""
    from pydantic import ValidationError

    from ..cli.serve import parse_graph_option
    from ..settings import Settings
    from ..store import disk
    from ..store.factory import InvalidGraph, prepare

    try:
        inputs = _rdf_files(files)
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


def _upload(settings: "Settings", out: TextIO, err: TextIO) -> int:
    from ..loading.validation import load_shapes, validate_parsed
    from ..store.factory import parse_settings_files
    from ..store.remote import RemoteError, RemoteStore

    parsed = parse_settings_files(settings)
    shapes = load_shapes(settings.shapes) if settings.shapes else None
    report = validate_parsed(parsed, shapes)
    if not report.conforms:
        print(report.to_text(), file=err)
        if not settings.allow_invalid:
            print("refusing to load a graph that does not conform (use --allow-invalid)", file=err)
            return EXIT_VIOLATIONS
    remote = RemoteStore.from_settings(settings)
    try:
        count = remote.upload(parsed)
    except RemoteError as error:
        print(f"error: {error}", file=err)
        return EXIT_UNREADABLE
    print(f"{remote.graph_store}: uploaded {count} triples", file=out)
    return EXIT_CONFORMS


@click.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--graph", "graphs", multiple=True, metavar="IRI=FILE", help="Load FILE as the named graph IRI."
)
@setting_option("location", type=click.Path(file_okay=False, path_type=Path))
@setting_option("endpoint")
@setting_option("graph_store_endpoint")
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
        from .. import network_guard

        for url in (given.get("endpoint"), given.get("graph_store_endpoint")):
            if url:
                network_guard.allow(str(url))
        network_guard.install()
    raise SystemExit(load_run(files, graphs, given))
