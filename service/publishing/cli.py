"""``samverkan import``, ``export``, ``diff`` and ``site``: the publishing workflow's commands.

Exit codes as everywhere: 0 done (``diff``: no difference), 1 the result does not conform
(``diff``: the graphs differ), 2 unreadable input (one line per problem, with its place).
"""

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..atomic import write_atomically
from ..cli_options import BadInput, data_option
from ..errors import FileError
from ..loading.cli import InputError, rdf_files, shapes_option
from ..loading.rdf import load_graph
from ..loading.validation import ShapesError, load_shapes
from ..paths import data_files, default_graph_files
from ..settings import Settings
from .convert import graph_to_tables
from .diff import diff as diff_graphs
from .diff import to_text
from .dumps import DUMP_FORMATS, dump, graph_turtle, load_dataset
from .importing import check_tables, rest_of_graph
from .workbook import read_tables, write_tables


def _files(paths: Sequence[Path], what: str) -> list[Path]:
    """RDF files: each file as given, each folder's RDF files (as `samverkan validate`)."""
    try:
        return rdf_files(paths)
    except InputError as error:
        raise BadInput(f"{what} {error}") from None


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path), metavar="FILE")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The Turtle file to write (e.g. data/NAME.ttl); replaced only if the result conforms.",
)
@shapes_option
@click.option(
    "--alone",
    is_flag=True,
    help="Validate the template with the ontology only, not with data/ (it holds everything).",
)
@data_option("Validate together with")
def import_command(
    source: Path, out: Path, shape_files: tuple[Path, ...], alone: bool, data: tuple[Path, ...]
) -> None:
    """Turn a filled template (FILE.xlsx or a folder of CSV files) into Turtle.

    The result is checked as part of the graph `serve` loads (the ontology and data/, the
    file --out replaces left out): a row re-describing a resource another file describes is
    refused, an unknown ID gets the nearest existing ones, and the shapes must hold. It is
    written only if everything conforms, atomically. Every problem comes in one round, by
    sheet, cell and column: 'Projekt!F7 (column "Start"): ...'. Exit 2: unreadable cells.
    """
    base = Settings().base_iri  # type: ignore[call-arg]
    try:
        tables = read_tables(source)
    except FileError as error:
        raise BadInput(str(error)) from None
    context = rest_of_graph(out, [] if alone else _files(data, "--data") if data else None)
    try:
        shapes = load_shapes(_files(shape_files, "--shapes")) if shape_files else None
        checked = check_tables(tables, context, shapes, base)
    except (FileError, ShapesError) as error:
        raise BadInput(str(error)) from None
    for problem in checked.all_problems:
        click.echo(f"{source}: {problem}", err=True)
    if not checked.conforms:
        click.echo(f"{out}: not written ({len(checked.all_problems)} problems)", err=True)
        raise SystemExit(2 if checked.unreadable else 1)
    for finding in checked.report.warnings:
        click.echo(
            f"{source}: warning: {checked.imported.place(finding.file or '')}: {finding.message}",
            err=True,
        )
    try:
        write_atomically(out, graph_turtle(checked.imported.graph, base))
    except OSError as error:
        raise BadInput(f"--out {out}: {error.strerror or error}") from None
    click.echo(f"wrote {out}: {len(checked.imported.graph)} statements", err=True)


@click.command()
@click.option(
    "--template",
    "template",
    type=click.Path(path_type=Path),
    metavar="DIR|FILE.xlsx",
    help="Write the graph into the template: a workbook (.xlsx) or a folder of CSV files.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(DUMP_FORMATS)),
    help="Write a deterministic dump (sorted, stable prefixes, canonical blank nodes).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --format: write the dump to this file (atomically) instead of stdout.",
)
@click.option("--empty", is_flag=True, help="With --template: an empty template (headers only).")
@data_option("Export")
def export(
    template: Path | None, fmt: str | None, out: Path | None, empty: bool, data: tuple[Path, ...]
) -> None:
    """Export the graph: into the spreadsheet template (--template) or as a dump (--format).

    The template holds the instance data (data/, or --data files); a dump holds the whole
    graph (ontology and data/, or --data files).
    """
    if (template is None) == (fmt is None):
        raise BadInput("give either --template DIR|FILE.xlsx or --format ttl|nq|jsonld")
    base = Settings().base_iri  # type: ignore[call-arg]
    files = _files(data, "--data") if data else None
    try:
        if template is not None:
            graph = load_graph([]) if empty else load_graph(files or data_files())
            write_tables(graph_to_tables(graph, base), template)
            click.echo(f"wrote {template}", err=True)
            return
        assert fmt is not None
        text = dump(load_dataset(files or default_graph_files()), fmt, base)
    except FileError as error:
        raise BadInput(str(error)) from None
    except OSError as error:
        raise BadInput(f"{template or out}: {error.strerror or error}") from None
    if out is None:
        sys.stdout.write(text)
        return
    try:
        write_atomically(out, text)
    except OSError as error:
        raise BadInput(f"--out {out}: {error.strerror or error}") from None


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
def diff_command(old: Path, new: Path) -> None:
    """Statements added and removed from OLD to NEW (RDF files or folders), by resource.

    Exit codes: 0 the same graph, 1 they differ, 2 unreadable input.
    """
    try:
        graphs = [load_graph(_files([path], path.name)) for path in (old, new)]
    except FileError as error:
        raise BadInput(str(error)) from None
    changes = diff_graphs(*graphs)
    if not changes:
        click.echo("no difference")
        return
    click.echo(to_text(changes))
    raise SystemExit(1)
