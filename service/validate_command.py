"""`samverkan validate`: check RDF files against the SHACL shapes and print the report.

Exit codes: 0 the graph conforms (warnings allowed), 1 it has violations, 2 an input or a
shapes file cannot be read (``file:line: message`` on stderr, never a traceback).
"""

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .loading import RdfSyntaxError
from .paths import RDF_EXTENSIONS, default_graph_files
from .validation import ShapesError, load_shapes, validate_files, with_ontology

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
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in RDF_EXTENSIONS
            )
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
