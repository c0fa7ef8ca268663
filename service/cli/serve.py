"""`samverkan serve`: load, validate, then serve the graph (or answer one GET and exit).

Exit codes: 0 served (or ``--get`` answered 2xx), 1 the graph does not conform to the shapes
(or ``--get`` answered otherwise), 2 a file is not valid RDF or a saved question is malformed
(``file:line: message``).
"""

import sys
import warnings
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

import click
from pydantic import ValidationError

from .. import network_guard
from ..app import create_app
from ..aside import Aside
from ..build import InvalidGraph, prepare
from ..cli_options import setting_option
from ..connections import connection_cap, guarded_protocol, raise_descriptor_limit
from ..errors import FileError
from ..loading.rdf import RdfSyntaxError
from ..loading.validation import ShapesError
from ..model import registry
from ..questions.library import checked_library, remember
from ..settings import Settings
from ..sparql.protocol import PATH as SPARQL_PATH
from ..store.backends import BACKENDS
from ..store.base import Store
from ..store.disk import NotAStore

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_SYNTAX = 2
#: Host settings meaning every interface: no name to trust from them.
WILDCARDS = ("0.0.0.0", "::", "")


def _load(settings: Settings, err: TextIO) -> Store | int:
    """The store to serve: loaded and validated, reopened unchanged, or remote."""
    try:
        prepared = prepare(settings)
    except (RdfSyntaxError, ShapesError, NotAStore) as error:
        print(error, file=err)
        return EXIT_SYNTAX
    except ValueError as error:
        print(f"error: {error}", file=err)
        return EXIT_SYNTAX
    except InvalidGraph as refused:
        print(refused.report.to_text(), file=err)
        print(
            "refusing to serve a graph that does not conform to shapes/ "
            "(use --allow-invalid to serve it anyway)",
            file=err,
        )
        return EXIT_INVALID
    if prepared.timings:
        print(f"loaded {prepared.summary()}", file=err, flush=True)
    report = prepared.report
    if report is not None and not report.conforms:
        print(report.to_text(), file=err)
        print("serving anyway (--allow-invalid)", file=err)
    return prepared.store


def _get(settings: Settings, store: Store, path: str, out: TextIO) -> int:
    """Answer one GET request in-process, like datasette's ``serve --get``."""
    with warnings.catch_warnings():  # Starlette's notice about its test client's HTTP library
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient  # needs httpx; only this option uses it

    app = create_app(settings, store)
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
    if settings.endpoint:  # the one host the service may reach: the configured engine
        network_guard.allow(settings.endpoint)
        if settings.graph_store_endpoint:
            network_guard.allow(settings.graph_store_endpoint)
    network_guard.install()  # no parser may reach out, whatever the files say
    # A broken saved question would break /queries: say so now, not per request. Checked
    # in a child process while this one loads and validates (both take about as long).
    library = Aside(partial(checked_library, settings.queries_dir))
    loaded = _load(settings, err)
    checked = library.result()
    if isinstance(loaded, int):
        return loaded
    if isinstance(checked, str):
        print(checked, file=err)
        return EXIT_SYNTAX
    try:  # the kinds browse, the comparison and the template read: a bad one stops here
        registry()
    except FileError as error:
        print(error, file=err)
        return EXIT_SYNTAX
    remember(checked)
    if get is not None:
        return _get(settings, loaded, get, out)

    import uvicorn

    if not settings.public_base_url and not settings.trusted_hosts:
        # Answer only to the name this server was asked to listen on (plus loopback).
        if settings.host in WILDCARDS:
            print(
                "note: only loopback Host names are answered; set SAMVERKAN_PUBLIC_BASE_URL "
                "or SAMVERKAN_TRUSTED_HOSTS to answer to others",
                file=err,
            )
        settings = settings.model_copy(update={"trusted_hosts": [settings.host or "localhost"]})
    store = loaded
    app = create_app(settings, store, warm_up=True)
    share_with_workers = getattr(store, "share_with_workers", None)  # an embedded backend's
    if share_with_workers is not None and settings.worker_data == "memory":
        share_with_workers()  # loaded once, inherited copy-on-write
    # Descriptors as many as allowed, and the query workers (their pipes) started before the
    # first connection: a flood of connections can then never leave a query without a worker.
    descriptors = raise_descriptor_limit()
    store.start()
    protocol = guarded_protocol(
        settings.header_timeout,
        settings.body_timeout,
        connection_cap(settings.max_connections, descriptors),
    )
    print(
        f"Serving samverkan-kg on http://{settings.host}:{settings.port}/  (SPARQL: {SPARQL_PATH})",
        file=out,
        flush=True,
    )
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info", http=protocol)
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
@setting_option("store", type=click.Choice(list(BACKENDS)))
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
@setting_option("worker_data")
@setting_option("location", type=click.Path(file_okay=False, path_type=Path))
@setting_option("endpoint")
@setting_option("graph_store_endpoint")
@setting_option("endpoint_dialect")
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

    With --location DIR, serve the on-disk store there (built by `samverkan load`) without
    validating again; with FILEs too, rebuild it first if the files or shapes changed.
    With --endpoint URL, serve what a remote SPARQL 1.1 engine holds.

    Exit codes: 1 when the graph does not conform (or --get is not answered 2xx),
    2 when a file is not valid RDF.
    """
    given = {**overrides, "shapes": list(shapes) or None, "allow_invalid": allow_invalid}
    raise SystemExit(run(files=files, graphs=graphs, overrides=given, get=get_path))
