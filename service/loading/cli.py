"""`samverkan validate`: check RDF files against the SHACL shapes and print the report.

Exit codes: 0 the graph conforms (warnings allowed), 1 it has violations, 2 an input or a
shapes file cannot be read (``file:line: message`` on stderr, never a traceback).
"""

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import click

from ..paths import default_graph_files, rdf_files_in
from .rdf import RdfSyntaxError
from .validation import ShapesError, load_shapes, validate_files, with_ontology

EXIT_CONFORMS = 0
EXIT_VIOLATIONS = 1
EXIT_UNREADABLE = 2

FORMATS = ("text", "json")


class InputError(ValueError):
    """A path given on the command line cannot be used."""


def rdf_files(paths: Sequence[Path]) -> list[Path]:
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
        inputs = with_ontology(rdf_files(files)) if files else default_graph_files()
        shape_graph = load_shapes(rdf_files(shapes)) if shapes else load_shapes()
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
