"""The `samverkan` command: serve | validate | query | compare | export."""

from pathlib import Path

import click

from . import compare_cli, query_cli


@click.group()
@click.version_option(package_name="samverkan-kg")
def main() -> None:
    """samverkan-kg: knowledge graph of Swedish university–public sector partnerships."""


# Subcommands are registered below by their modules (validate, serve, query, compare).


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A readable report, or JSON for machines.",
)
@click.option(
    "--shapes",
    "shape_files",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Validate against these SHACL files (or folders) instead of shapes/ (repeatable).",
)
def validate(files: tuple[Path, ...], fmt: str, shape_files: tuple[Path, ...]) -> None:
    """Validate the curated graph (ontology + data/), or FILES, against the SHACL shapes.

    FILES (RDF files or folders of them) are validated as they are, with the ontology added
    so that the vocabulary's terms count as described; a link to a resource described in a
    file not given counts as undescribed (give the folder, e.g. data/). Prints file, focus
    node, path, severity and message for each result.

    Exit codes: 0 conforms (warnings allowed), 1 violations, 2 unreadable input
    (file:line: message on stderr).
    """
    from . import validate_command

    raise SystemExit(validate_command.run(files, fmt, shape_files))


@main.command()
@click.argument("name", required=False)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the saved question (repeatable), e.g. -p sdg=sdg:5.",
)
@click.option("--sparql", metavar="QUERY", help="Run this SPARQL query instead of a question.")
@click.option(
    "--file",
    "query_file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Run the query in FILE (a '# param:' header makes it a saved question).",
)
@click.option("--list", "list_only", is_flag=True, help="List the saved questions.")
@click.option(
    "--data",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Query these RDF files instead of the curated graph (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    help="table | csv | tsv | json (SELECT, ASK: table | json); "
    "CONSTRUCT: table | turtle | ntriples | jsonld.",
)
@click.option("--lang", default="sv", show_default=True, help="Language of titles in --list.")
def query(
    name: str | None,
    params: tuple[str, ...],
    sparql: str | None,
    query_file: Path | None,
    list_only: bool,
    data: tuple[Path, ...],
    fmt: str,
    lang: str,
) -> None:
    """Run a saved question (NAME), --sparql text or a --file; or --list the questions."""
    query_cli.run(
        name=name,
        sparql=sparql,
        query_file=query_file,
        list_only=list_only,
        params=params,
        data=data,
        fmt=fmt,
        lang=lang,
    )


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI=FILE",
    help="Load FILE as the named graph IRI (repeatable).",
)
@click.option("--host", help="Interface to listen on [env SAMVERKAN_HOST; 127.0.0.1].")
@click.option("--port", type=int, help="TCP port [env SAMVERKAN_PORT; 8000].")
@click.option(
    "--store",
    type=click.Choice(["oxigraph", "rdflib"]),
    help="Store backend [env SAMVERKAN_STORE; oxigraph].",
)
@click.option(
    "--shapes",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Validate against these SHACL files instead of shapes/ (repeatable).",
)
@click.option(
    "--allow-invalid",
    is_flag=True,
    default=None,
    help="Serve even if the graph does not conform to shapes/.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a SPARQL query may run [env SAMVERKAN_QUERY_TIMEOUT; 30].",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes for SPARQL queries [env SAMVERKAN_QUERY_WORKERS; 2].",
)
@click.option(
    "--get",
    "get_path",
    metavar="PATH",
    help="Answer one GET request for PATH in-process, print the body and exit.",
)
def serve(
    files: tuple[Path, ...],
    graphs: tuple[str, ...],
    host: str | None,
    port: int | None,
    store: str | None,
    shapes: tuple[Path, ...],
    allow_invalid: bool | None,
    timeout: float | None,
    workers: int | None,
    get_path: str | None,
) -> None:
    """Validate the graph (or FILEs) against shapes/ and serve it with a SPARQL endpoint.

    Exit codes: 1 when the graph does not conform (or --get is not answered 2xx),
    2 when a file is not valid RDF.
    """
    from . import serve as serving

    raise SystemExit(
        serving.run(
            files=files,
            graphs=graphs,
            overrides={
                "host": host,
                "port": port,
                "store": store,
                "shapes": list(shapes) or None,
                "allow_invalid": allow_invalid,
                "query_timeout": timeout,
                "query_workers": workers,
            },
            get=get_path,
        )
    )


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default=None,
    help="Print the comparison to stdout as CSV (the default) or JSON (table and matrix).",
)
@click.option(
    "--table",
    default="agreements",
    show_default=True,
    type=click.Choice(["agreements", "matrix"]),
    help="For CSV: the agreements table, or the SDG matrix (one line per row and goal).",
)
@click.option(
    "--svg",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the SDG matrix as a self-contained SVG to FILE.",
)
@click.option("--lang", default="sv", show_default=True, type=click.Choice(["sv", "en"]))
@click.option(
    "--data",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Compare the agreements in these RDF files instead of the curated graph (repeatable).",
)
def compare(
    fmt: str | None, table: str, svg: Path | None, lang: str, data: tuple[Path, ...]
) -> None:
    """Compare the agreements side by side: CSV/JSON to stdout, --svg for the SDG matrix."""
    compare_cli.run(fmt=fmt, table=table, svg=svg, lang=lang, data=data)


if __name__ == "__main__":
    main()
