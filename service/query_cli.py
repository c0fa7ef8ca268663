"""``samverkan query``: run a saved question or ad-hoc SPARQL against the in-process store."""

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, cast

import click
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from .cli_support import BadInput, open_store_or_fail
from .labels import short_iri
from .queries import (
    LibraryError,
    ParameterError,
    QueryForm,
    SavedQuery,
    load_library,
    parse_saved_query,
    query_form,
    run_query,
    syntax_error_message,
)
from .settings import Settings
from .sparql import negotiation as mt
from .sparql.results import serialize_boolean, serialize_graph, serialize_solutions
from .store.base import SelectResult

#: Output formats per kind of result; the first is the default.
SOLUTION_FORMATS: Final = {"table": "", "csv": mt.CSV, "tsv": mt.TSV, "json": mt.JSON_RESULTS}
BOOLEAN_FORMATS: Final = {"table": "", "json": mt.JSON_RESULTS}
GRAPH_FORMATS: Final = {
    "table": "",
    "turtle": mt.TURTLE,
    "ntriples": mt.NTRIPLES,
    "jsonld": mt.JSONLD,
}
ALL_FORMATS: Final = ("table", "csv", "tsv", "json", "turtle", "ntriples", "jsonld")
MAX_CELL: Final = 80
_HEADER_FIELD = re.compile(r"^\s*#\s*(title|description|param)(@[a-z-]+)?\s*:", re.M)


@dataclass(frozen=True)
class Request:
    """What to run: query text, its form, its bindings, and where it came from."""

    sparql: str
    form: QueryForm
    bindings: dict[str, Identifier]
    origin: str


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """``key=value`` strings to a dict; a malformed or repeated key is an error."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise BadInput(f"--param {pair!r}: expected KEY=VALUE")
        if key.strip() in values:
            raise BadInput(f"--param {key.strip()}: given more than once")
        values[key.strip()] = value
    return values


def _saved(query: SavedQuery, values: dict[str, str]) -> Request:
    try:
        bindings = query.bind(values)
    except ParameterError as error:
        raise BadInput(str(error)) from None
    return Request(query.sparql, query.form, bindings, str(query.path))


def _adhoc(sparql: str, origin: str) -> Request:
    try:
        form = query_form(sparql)
    except Exception as error:  # rdflib's parser raises several types for bad text
        line, message = syntax_error_message(sparql, error)
        where = f"{origin}:{line}" if line else origin
        raise BadInput(f"{where}: {message}") from None
    return Request(sparql, form, {}, origin)


def build_request(
    name: str | None,
    sparql: str | None,
    query_file: Path | None,
    values: dict[str, str],
    queries_dir: Path | None = None,
) -> Request:
    """Turn the command line into one query to run (exactly one source must be given)."""
    given = [s for s in (name, sparql, query_file) if s is not None]
    if len(given) != 1:
        raise BadInput("give exactly one of NAME, --sparql or --file (or --list)")
    if values and sparql is not None:
        raise BadInput("--param works with a saved question (NAME or --file with a header)")
    if name is not None:
        try:
            library = load_library(queries_dir)
        except LibraryError as error:
            raise BadInput(str(error)) from None
        if name not in library:
            raise BadInput(f"no saved question named {name!r}; see `samverkan query --list`")
        return _saved(library[name], values)
    if sparql is not None:
        return _adhoc(sparql, "--sparql")
    assert query_file is not None
    try:
        text = query_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"{query_file}: cannot read: {error}") from None
    if _HEADER_FIELD.search(text):  # a saved question being written: check it the same way
        try:
            return _saved(parse_saved_query(query_file, text), values)
        except LibraryError as error:
            raise BadInput(str(error)) from None
    if values:
        raise BadInput(f"{query_file}: --param needs a '# param:' header in the file")
    return _adhoc(text, str(query_file))


def _term_text(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return short_iri(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    text = " ".join(str(term).split())  # one line per row
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    if isinstance(term, Literal) and term.language:
        text += f" @{term.language}"
    return text


def text_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An aligned plain-text table with a header rule and a row count."""
    widths = [len(c) for c in columns]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out += [line(row) for row in rows]
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out)


def _formats_for(form: QueryForm) -> dict[str, str]:
    if form == "SELECT":
        return SOLUTION_FORMATS
    if form == "ASK":
        return BOOLEAN_FORMATS
    return GRAPH_FORMATS


def render(result: SelectResult | bool | Graph, form: QueryForm, fmt: str) -> str:
    """The result as text in ``fmt`` (checked against the form beforehand)."""
    media_type = _formats_for(form)[fmt]
    if isinstance(result, SelectResult):
        if not media_type:
            rows = [[_term_text(row.get(v)) for v in result.variables] for row in result.rows]
            return text_table(result.variables, rows)
        return serialize_solutions(result, media_type).decode("utf-8").rstrip("\n")
    if isinstance(result, bool):
        if not media_type:
            return "true" if result else "false"
        return serialize_boolean(result, media_type).decode("utf-8").rstrip("\n")
    if not media_type:
        triples = [[_term_text(cast(Identifier, t)) for t in triple] for triple in sorted(result)]
        return text_table(["subject", "predicate", "object"], triples)
    return serialize_graph(result, media_type).decode("utf-8").rstrip("\n")


def list_questions(fmt: str, lang: str, queries_dir: Path | None = None) -> str:
    """The saved questions as a table or JSON."""
    try:
        library = load_library(queries_dir)
    except LibraryError as error:
        raise BadInput(str(error)) from None
    if fmt == "json":
        entries = [
            {
                "name": q.name,
                "form": q.form,
                "title": q.titles,
                "description": q.descriptions,
                "params": [
                    {"name": p.name, "type": p.type, "default": p.default, "required": p.required}
                    for p in q.params
                ],
            }
            for q in library.values()
        ]
        return json.dumps(entries, indent=2, ensure_ascii=False)
    if fmt != "table":
        raise BadInput(f"--list --format {fmt}: use table or json")
    rows = [
        [q.name, q.form, " ".join(f"{p.name}:{p.type}" for p in q.params), q.title(lang)]
        for q in library.values()
    ]
    return text_table(["name", "form", "params", "title"], rows)


def run(
    *,
    name: str | None,
    sparql: str | None,
    query_file: Path | None,
    list_only: bool,
    params: Sequence[str],
    data: Sequence[Path],
    fmt: str,
    lang: str,
    echo: Callable[[str], None] = click.echo,
) -> None:
    """The whole command: check the input, load the graph, run, print."""
    if fmt not in ALL_FORMATS:
        raise BadInput(f"--format {fmt}: unknown (use one of {', '.join(ALL_FORMATS)})")
    settings = Settings()  # type: ignore[call-arg]  # from SAMVERKAN_* or the defaults
    if list_only:
        if name or sparql or query_file or params:
            raise BadInput("--list takes no query")
        echo(list_questions(fmt, lang, settings.queries_dir))
        return
    request = build_request(name, sparql, query_file, parse_params(params), settings.queries_dir)
    allowed = _formats_for(request.form)
    if fmt not in allowed:
        raise BadInput(
            f"--format {fmt} does not fit a {request.form} result (use {', '.join(allowed)})"
        )
    for path in data:
        if not path.is_file():
            raise BadInput(f"--data {path}: no such file")
    if data:
        settings = settings.model_copy(update={"files": list(data), "named_graphs": {}})
    store = open_store_or_fail(settings)
    try:
        result = run_query(store, request.sparql, request.form, request.bindings)
    except Exception as error:  # the backends raise their own types; all mean "cannot run"
        message = " ".join(str(error).split()) or type(error).__name__
        raise BadInput(f"{request.origin}: query failed: {message}") from None
    echo(render(result, request.form, fmt))
