"""`samverkan serve`: load, validate, then serve the graph (or answer one GET and exit).

Exit codes: 0 served (or ``--get`` answered 2xx), 1 the graph does not conform to the shapes
(or ``--get`` answered otherwise), 2 a file is not valid RDF or a saved question is malformed
(``file:line: message``).
"""

import sys
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

import click
from pydantic import ValidationError
from rdflib import Dataset

from .. import network_guard
from ..app import create_app
from ..loading.rdf import RdfSyntaxError, load_graph
from ..loading.validation import validate_files
from ..paths import default_graph_files
from ..questions.library import LibraryError, load_library
from ..settings import Settings
from ..sparql.protocol import PATH as SPARQL_PATH
from ..store.factory import build_store, load_dataset
from .support import setting_option

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_SYNTAX = 2


def _data_files(settings: Settings) -> list[Path]:
    files = list(settings.files) or default_graph_files()
    return files + list(settings.named_graphs.values())


def _load(settings: Settings, err: TextIO) -> Dataset | int:
    try:
        dataset = load_dataset(settings)
    except RdfSyntaxError as error:
        print(error, file=err)
        return EXIT_SYNTAX
    try:
        shapes = load_graph(settings.shapes) if settings.shapes else None
    except RdfSyntaxError as error:
        print(error, file=err)
        return EXIT_SYNTAX
    report = validate_files(_data_files(settings), shapes)
    if not report.conforms:
        print(report.to_text(), file=err)
        if not settings.allow_invalid:
            print(
                "refusing to serve a graph that does not conform to shapes/ "
                "(use --allow-invalid to serve it anyway)",
                file=err,
            )
            return EXIT_INVALID
        print("serving anyway (--allow-invalid)", file=err)
    return dataset


def _get(settings: Settings, dataset: Dataset, path: str, out: TextIO) -> int:
    """Answer one GET request in-process, like datasette's ``serve --get``."""
    with warnings.catch_warnings():  # Starlette's notice about its test client's HTTP library
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient  # needs httpx; only this option uses it

    app = create_app(settings, build_store(dataset, settings.store))
    base = f"http://{settings.host}:{settings.port}"
    with TestClient(app, base_url=base, raise_server_exceptions=False) as client:
        response = client.get(path)
    out.write(response.text)
    if response.text and not response.text.endswith("\n"):
        out.write("\n")
    out.flush()
    return EXIT_OK if 200 <= response.status_code < 300 else EXIT_INVALID


def serve(
    settings: Settings,
    get: str | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Load and validate, then serve until stopped (or answer one GET for ``get``)."""
    network_guard.install()  # no parser may reach out, whatever the files say
    loaded = _load(settings, err)
    if isinstance(loaded, int):
        return loaded
    try:  # a broken saved question would break /queries: say so now, not per request
        load_library(settings.queries_dir)
    except LibraryError as error:
        print(error, file=err)
        return EXIT_SYNTAX
    if get is not None:
        return _get(settings, loaded, get, out)

    import uvicorn

    store = build_store(loaded, settings.store)
    app = create_app(settings, store)
    store.start()  # start the query workers now, not on the first query
    print(
        f"Serving samverkan-kg on http://{settings.host}:{settings.port}/  (SPARQL: {SPARQL_PATH})",
        file=out,
        flush=True,
    )
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
    return EXIT_OK


def parse_graph_option(value: str) -> tuple[str, Path]:
    """``IRI=FILE`` from ``--graph``; ValueError with a message otherwise."""
    iri, sep, file = value.partition("=")
    if not sep or not iri or not file:
        raise ValueError(f"--graph expects IRI=FILE, got {value!r}")
    return iri, Path(file)


def run(
    files: Sequence[Path],
    graphs: Sequence[str],
    overrides: Mapping[str, object],
    get: str | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """The ``serve`` command: settings from SAMVERKAN_* variables, then the flags given."""
    given: dict[str, object] = {k: v for k, v in overrides.items() if v is not None}
    try:
        if files:
            given["files"] = list(files)
        if graphs:
            given["named_graphs"] = dict(parse_graph_option(g) for g in graphs)
        settings = Settings(**given)  # type: ignore[arg-type]
    except (ValueError, ValidationError) as error:
        print(f"error: {error}", file=err)
        return EXIT_SYNTAX
    return serve(settings, get, out, err)


@click.command("serve")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--graph",
    "graphs",
    multiple=True,
    metavar="IRI=FILE",
    help="Load FILE as the named graph IRI (repeatable).",
)
@setting_option("host")
@setting_option("port", type=int)
@setting_option("store")
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
@setting_option("query_timeout", "--timeout", type=click.FloatRange(min=0, min_open=True))
@setting_option("query_workers", "--workers", type=click.IntRange(min=1))
@click.option(
    "--get",
    "get_path",
    metavar="PATH",
    help="Answer one GET request for PATH in-process, print the body and exit.",
)
def serve_command(
    files: tuple[Path, ...],
    graphs: tuple[str, ...],
    shapes: tuple[Path, ...],
    allow_invalid: bool | None,
    get_path: str | None,
    **overrides: object,
) -> None:
    """Validate the graph (or FILEs) against shapes/ and serve it with a SPARQL endpoint.

    Exit codes: 1 when the graph does not conform (or --get is not answered 2xx),
    2 when a file is not valid RDF.
    """
    given = {**overrides, "shapes": list(shapes) or None, "allow_invalid": allow_invalid}
    raise SystemExit(run(files=files, graphs=graphs, overrides=given, get=get_path))
