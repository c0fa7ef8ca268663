"""The saved-question library: one SPARQL query per ``.rq`` file with a small ``#`` header.

The header format is documented in ``queries/README.md``. Parameter values arrive as text
(HTTP query string, CLI ``--param``), are checked against the parameter's type and bound to
the SPARQL variable of the same name through ``Store`` ``bindings`` — never pasted into the
query text.
"""

import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from rdflib import Graph
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.term import Identifier

from ..errors import FileError
from ..formats import QueryForm
from ..i18n import LANGUAGES
from ..paths import queries_dir
from ..query_text import (
    form_of,
    has_service,
    parse_query,
    syntax_problem,
    undeclared_prefixes,
)
from ..store.base import SelectResult, Store
from .params import PARAM_TYPES, Param, ParameterError, ParamType, to_term

#: Query-string names with another meaning on /queries/{name}; no parameter may use them.
RESERVED_NAMES: Final = frozenset({"format", "lang", "labels", "stated", "page", "per_page"})
_FIELD = re.compile(r"#\s*([a-z]+)(?:@([a-z]{2,3}(?:-[a-z0-9]+)*))?\s*:\s?(.*)$")
_VAR_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class LibraryError(FileError):
    """A saved-question file is malformed; says which file and line."""


@dataclass(frozen=True)
class SavedQuery:
    """A question from the library: its texts, parameters and SPARQL."""

    name: str
    path: Path
    form: QueryForm
    sparql: str
    titles: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    params: tuple[Param, ...] = ()

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or next(iter(self.titles.values()), self.name)

    def description(self, lang: str) -> str:
        return self.descriptions.get(lang) or next(iter(self.descriptions.values()), "")

    def bind(self, values: Mapping[str, str], lang: str | None = None) -> dict[str, Identifier]:
        """Typed bindings for the given text values (defaults filled in); ParameterError.

        A language parameter (type ``lang``) left out is ``lang``, the language of the page
        or command asking, when one is given: English pages get English answers."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            allowed = ", ".join(known) or "none"
            raise ParameterError(
                f"unknown parameter {', '.join(unknown)} for {self.name} (parameters: {allowed})"
            )
        bindings: dict[str, Identifier] = {}
        for param in self.params:
            value = values.get(param.name)
            if (value is None or value == "") and param.type == "lang" and lang:
                value = lang
            if value is None or value == "":
                if param.default is not None:
                    value = param.default
                elif param.optional:
                    continue
                else:
                    raise ParameterError(
                        f"missing required parameter {param.name} ({param.type}) for {self.name}"
                    )
            bindings[param.name] = param.to_term(value)
        return bindings

    def run(
        self, store: Store, values: Mapping[str, str], lang: str | None = None
    ) -> SelectResult | bool | Graph:
        """Bind ``values`` and run the question against ``store``."""
        return run_query(store, self.sparql, self.form, self.bind(values, lang))


def run_query(
    store: Store, sparql: str, form: QueryForm, bindings: Mapping[str, Identifier] | None = None
) -> SelectResult | bool | Graph:
    """Run trusted query text with the store method that fits its form."""
    if form == "SELECT":
        return store.select(sparql, bindings=bindings)
    if form == "ASK":
        return store.ask(sparql, bindings=bindings)
    return store.construct(sparql, bindings=bindings)


# --- reading files -------------------------------------------------------------------------


def _parse_param(path: Path, number: int, text: str) -> Param:
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise LibraryError(path, number, f"param: {error}") from None
    if len(words) < 3:
        raise LibraryError(path, number, 'param: expected NAME TYPE "description" [options]')
    name, kind, description, *options = words
    if not _VAR_NAME.fullmatch(name):
        raise LibraryError(path, number, f"param: {name!r} is not a SPARQL variable name")
    if name in RESERVED_NAMES:
        raise LibraryError(path, number, f"param: the name {name!r} is reserved")
    if kind not in PARAM_TYPES:
        known = ", ".join(PARAM_TYPES)
        raise LibraryError(path, number, f"param {name}: unknown type {kind!r} (known: {known})")
    default: str | None = None
    optional = False
    for option in options:
        if option.startswith("default="):
            default = option.removeprefix("default=")
        elif option == "optional":
            optional = True
        else:
            raise LibraryError(path, number, f"param {name}: unknown option {option!r}")
    param = Param(name, kind, description, default, optional)
    if default is not None:
        try:
            param.to_term(default)
        except ParameterError as error:
            raise LibraryError(path, number, f"param {name}: bad default: {error}") from None
    return param


def syntax_error_message(sparql: str, error: Exception) -> tuple[int | None, str]:
    """Line and message for a query rdflib rejected (query_text.syntax_problem)."""
    problem = syntax_problem(sparql, error)
    return problem.line, problem.headline


def _sparql_error(path: Path, sparql: str, error: Exception) -> LibraryError:
    line, message = syntax_error_message(sparql, error)
    return LibraryError(path, line, message)


def parse_saved_query(path: Path, text: str | None = None) -> SavedQuery:
    """Read one ``.rq`` file: its header and its SPARQL. Raises LibraryError."""
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise LibraryError(path, None, f"cannot read file: {error}") from None
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    params: list[Param] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break  # the header ends at the first line of SPARQL
        match = _FIELD.match(stripped)
        if not match:
            continue  # a free comment
        key, lang, value = match.group(1), match.group(2), match.group(3).strip()
        if key in ("title", "description"):
            if not lang:
                raise LibraryError(path, number, f"{key} needs a language, e.g. {key}@sv:")
            texts = titles if key == "title" else descriptions
            # a repeated description line continues the text
            texts[lang] = f"{texts[lang]} {value}".strip() if lang in texts else value
        elif key == "param" and not lang:
            param = _parse_param(path, number, value)
            if any(p.name == param.name for p in params):
                raise LibraryError(path, number, f"param {param.name} declared twice")
            params.append(param)
        else:
            field_name = f"{key}@{lang}" if lang else key
            raise LibraryError(
                path,
                number,
                f"unknown header field {field_name!r} (title@LANG, description@LANG, param)",
            )
    for key, texts in (("title", titles), ("description", descriptions)):
        missing = [lang for lang in LANGUAGES if not texts.get(lang)]
        if missing:
            raise LibraryError(path, 1, f"header lacks {', '.join(f'{key}@{m}' for m in missing)}")
    try:  # parsed once: rdflib's parser is the slowest step of loading the library
        tree = parse_query(text)
        form = form_of(tree)
    except Exception as error:  # rdflib raises many types; all mean "not a valid query"
        raise _sparql_error(path, text, error) from error
    undeclared = undeclared_prefixes(tree)  # rdflib knows some prefixes unasked
    if undeclared:
        problem = syntax_problem(text, unknown_prefix=undeclared[0])
        raise LibraryError(path, problem.line, problem.headline)
    if has_service(tree):
        raise LibraryError(path, None, "SERVICE (federated query) is not allowed")
    try:
        translateQuery(tree)  # the algebra: catches what parses but cannot be evaluated
    except Exception as error:
        raise _sparql_error(path, text, error) from error
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for param in params:
        if not re.search(rf"[?$]{param.name}(?![A-Za-z0-9_])", body):
            raise LibraryError(path, None, f"param {param.name}: ?{param.name} is not in the query")
    _trial_run(path, text, form, params)
    return SavedQuery(
        name=path.stem,
        path=path,
        form=form,
        sparql=text,
        titles=titles,
        descriptions=descriptions,
        params=tuple(params),
    )


_SAMPLES: Final[dict[ParamType, str]] = {
    "iri": "https://w3id.org/samverkan-kg/",
    "string": "x",
    "date": "2000-01-01",
    "integer": "0",
    "year": "2000",
    "lang": "sv",
}


def _trial_run(path: Path, text: str, form: QueryForm, params: list[Param]) -> None:
    """Run the query with every parameter bound on an empty store of the default backend.

    pyoxigraph binds by substitution (SPARQL SEP-0007) and refuses a variable that is not
    in scope, e.g. one used only in a FILTER of an ASK; better to learn that when loading.
    """
    from ..store.backends import default
    from ..store.querying import QueryError

    bindings = {p.name: p.to_term(p.default or _SAMPLES[p.type]) for p in params}
    try:
        run_query(default().from_quads([]), text, form, bindings)
    except QueryError as error:
        message = " ".join(str(error).split())
        if "projection" in message:
            names = ", ".join(f"?{p.name}" for p in params)
            raise LibraryError(
                path,
                None,
                f"a parameter ({names}) is not in scope: put it in the SELECT clause; in an "
                f"ASK or CONSTRUCT use it in a triple pattern or declare it with "
                f"VALUES ?name {{ UNDEF }} (pyoxigraph: {message})",
            ) from None
        raise LibraryError(path, None, f"pyoxigraph cannot run this query: {message}") from None


#: Parsed questions by (file, modification time, size): an edited file is parsed again.
_PARSED: dict[tuple[Path, int, int], SavedQuery] = {}


def load_library(directory: Path | None = None) -> dict[str, SavedQuery]:
    """Every question in ``directory`` (default: the project's queries/), by file stem.

    Files are re-read when they change, so edits show up without a restart.
    """
    folder = queries_dir() if directory is None else directory
    library: dict[str, SavedQuery] = {}
    if not folder.is_dir():
        return library
    for path in sorted(folder.glob("*.rq")):
        stat = path.stat()
        key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
        if key not in _PARSED:
            for stale in [k for k in _PARSED if k[0] == key[0]]:
                _PARSED.pop(stale, None)
            _PARSED[key] = parse_saved_query(key[0])
        library[path.stem] = _PARSED[key]
    return library


def checked_library(
    directory: Path | None = None,
) -> "dict[tuple[Path, int, int], SavedQuery] | str":
    """The library's parsed entries (for :func:`remember`), or the first file's error text.

    For checking the library in another process (``serve`` does it while it validates).
    """
    try:
        load_library(directory)
    except LibraryError as error:
        return str(error)
    return dict(_PARSED)


def remember(entries: Mapping[tuple[Path, int, int], SavedQuery]) -> None:
    """Take questions parsed elsewhere (by :func:`checked_library`) as already parsed."""
    _PARSED.update(entries)


def question_json(query: SavedQuery) -> dict[str, object]:
    """A saved question as JSON: the one shape HTTP (/queries) and the CLI (--list) share."""
    return {
        "name": query.name,
        "form": query.form,
        "title": query.titles,
        "description": query.descriptions,
        "params": [
            {
                "name": p.name,
                "type": p.type,
                "description": p.description,
                "default": p.default,
                "required": p.required,
            }
            for p in query.params
        ],
    }


__all__ = [
    "PARAM_TYPES",
    "LibraryError",
    "Param",
    "ParameterError",
    "SavedQuery",
    "load_library",
    "parse_saved_query",
    "question_json",
    "run_query",
    "to_term",
]
