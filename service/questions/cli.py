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

from .. import formats as f
from ..build import open_store_or_fail
from ..claims import claims
from ..cli_options import BadInput, data_option, with_data
from ..formats import Format, QueryForm
from ..namespaces import compact_iri
from ..negotiation import NotAcceptable, choose
from ..query_text import parse_query, query_form, syntax_problem, undeclared_prefixes
from ..serialize import serialize
from ..settings import Settings
from ..store.base import SelectResult
from .library import (
    LibraryError,
    ParameterError,
    SavedQuery,
    load_library,
    parse_saved_query,
    question_json,
    run_query,
    syntax_error_message,
)
from .tables import (
    may_show_claims,
    spreadsheet_safe,
    with_judgement_column,
    with_label_columns,
)

#: "table" is the CLI's own format, for people; every other ``--format`` name is a format's
#: ``?format=`` name in :mod:`service.formats` (its short name, an alias, "json"), so the CLI
#: offers what the HTTP endpoint offers for each form of query.
TABLE: Final = "table"


def check_format_name(name: str) -> None:
    """BadInput unless ``--format name`` names the table or a format of some query result."""
    if name == TABLE:
        return
    try:
        choose(f.RESULT_FORMATS, None, name)
    except NotAcceptable:
        known = ", ".join(format_names(f.RESULT_FORMATS))
        raise BadInput(f"--format {name}: unknown (use one of {known})") from None


def output_format(form: QueryForm, name: str) -> Format | None:
    """The format ``--format name`` asks for a ``form`` result (None: the table), or BadInput."""
    check_format_name(name)
    if name == TABLE:
        return None
    try:
        return choose(f.BY_FORM[form], None, name)
    except NotAcceptable:
        allowed = ", ".join(format_names(f.BY_FORM[form]))
        raise BadInput(f"--format {name} does not fit a {form} result (use {allowed})") from None


def format_names(offered: Sequence[Format]) -> list[str]:
    """The ``--format`` names to suggest: the table, then each format's short name."""
    return [TABLE, *(fmt.short for fmt in offered)]


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


def _saved(query: SavedQuery, values: dict[str, str], lang: str | None) -> Request:
    try:
        bindings = query.bind(values, lang)
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
    undeclared = undeclared_prefixes(parse_query(sparql))
    if undeclared:
        problem = syntax_problem(sparql, unknown_prefix=undeclared[0])
        raise BadInput(f"{origin}:{problem.line}: {problem.headline}")
    return Request(sparql, form, {}, origin)


def build_request(
    name: str | None,
    sparql: str | None,
    query_file: Path | None,
    values: dict[str, str],
    queries_dir: Path | None = None,
    lang: str | None = None,
) -> Request:
    """Turn the command line into one query to run (exactly one source must be given); a
    language parameter left out is ``lang`` (``--lang``)."""
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
        return _saved(library[name], values, lang)
    if sparql is not None:
        return _adhoc(sparql, "--sparql")
    assert query_file is not None
    try:
        text = query_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"{query_file}: cannot read: {error}") from None
    if _HEADER_FIELD.search(text):  # a saved question being written: check it the same way
        try:
            return _saved(parse_saved_query(query_file, text), values, lang)
        except LibraryError as error:
            raise BadInput(str(error)) from None
    if values:
        raise BadInput(f"{query_file}: --param needs a '# param:' header in the file")
    return _adhoc(text, str(query_file))


def _term_text(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return compact_iri(str(term))
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


def render(result: SelectResult | bool | Graph, form: QueryForm, fmt: str) -> str:
    """The result as text in ``fmt`` (checked against the form beforehand)."""
    written = output_format(form, fmt)
    if written is not None:
        return serialize(result, written).decode("utf-8").rstrip("\n")
    if isinstance(result, SelectResult):
        rows = [[_term_text(row.get(v)) for v in result.variables] for row in result.rows]
        return text_table(result.variables, rows)
    if isinstance(result, bool):
        return "true" if result else "false"
    triples = [[_term_text(cast(Identifier, t)) for t in triple] for triple in sorted(result)]
    return text_table(["subject", "predicate", "object"], triples)


def list_questions(fmt: str, lang: str, queries_dir: Path | None = None) -> str:
    """The saved questions as a table or JSON."""
    try:
        library = load_library(queries_dir)
    except LibraryError as error:
        raise BadInput(str(error)) from None
    if fmt == "json":
        entries = [question_json(q) for q in library.values()]
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
    labels: bool = False,
    stated_only: bool = False,
    echo: Callable[[str], None] = click.echo,
) -> None:
    """The whole command: check the input, load the graph, run, print."""
    check_format_name(fmt)
    settings = Settings()  # type: ignore[call-arg]  # from SAMVERKAN_* or the defaults
    if list_only:
        if name or sparql or query_file or params:
            raise BadInput("--list takes no query")
        echo(list_questions(fmt, lang, settings.queries_dir))
        return
    request = build_request(
        name, sparql, query_file, parse_params(params), settings.queries_dir, lang
    )
    output_format(request.form, fmt)
    store = open_store_or_fail(with_data(settings, data))
    try:
        result = run_query(store, request.sparql, request.form, request.bindings)
    except Exception as error:  # the backends raise their own types; all mean "cannot run"
        message = " ".join(str(error).split()) or type(error).__name__
        raise BadInput(f"{request.origin}: query failed: {message}") from None
    judged = claims(store)
    if isinstance(result, SelectResult) and may_show_claims(judged, request.sparql):
        result = with_judgement_column(judged, result, request.sparql, lang, stated_only)
    if labels:
        if not isinstance(result, SelectResult):
            raise BadInput(
                f"--labels adds label columns to SELECT tables, not to {request.form} answers"
            )
        result = with_label_columns(store, result, lang)
    if isinstance(result, SelectResult) and fmt in ("csv", "tsv"):  # tables for people
        result = spreadsheet_safe(result)
    echo(render(result, request.form, fmt))


@click.command("query")
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
@data_option("Query")
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    help="table, or a format's name: "
    + "; ".join(f"{form}: {' | '.join(format_names(f.BY_FORM[form]))}" for form in f.BY_FORM)
    + " (aliases such as turtle, ntriples too).",
)
@click.option(
    "--lang",
    default="sv",
    show_default=True,
    help="Language of titles in --list, of --labels and of a question's language parameter.",
)
@click.option(
    "--labels",
    is_flag=True,
    help="Add a column x_label (the best label in --lang) beside each IRI column x of a SELECT.",
)
@click.option(
    "--stated-only",
    is_flag=True,
    help="Leave out rows that show a curators' judgement (else a column curators_judgement "
    "says which rows do).",
)
def query(
    name: str | None,
    params: tuple[str, ...],
    sparql: str | None,
    query_file: Path | None,
    list_only: bool,
    data: tuple[Path, ...],
    fmt: str,
    lang: str,
    labels: bool,
    stated_only: bool,
) -> None:
    """Run a saved question (NAME), --sparql text or a --file; or --list the questions."""
    run(
        name=name,
        sparql=sparql,
        query_file=query_file,
        list_only=list_only,
        params=params,
        data=data,
        fmt=fmt,
        lang=lang,
        labels=labels,
        stated_only=stated_only,
    )
