"""What a SPARQL text is, decided by parsing: its form, and whether it updates or federates.

Queries are parsed with rdflib's SPARQL parser whatever the backend, so that a SERVICE
clause is found wherever it hides (OPTIONAL, sub-select, FILTER EXISTS, ...) rather than
by looking for a word in the text. The public endpoint, the saved-question library and the
CLI all ask here.
"""

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

import pyoxigraph
from pyparsing import ParseBaseException, ParseResults
from rdflib import URIRef
from rdflib.paths import Path
from rdflib.plugins.sparql import parser as rdflib_parser
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parserutils import CompValue

from .formats import QueryForm
from .namespaces import QUERY_PREFIXES
from .results import SelectResult

#: rdflib's SPARQL parser (pyparsing) is not thread-safe (RDFLib/rdflib#1282: two threads
#: parsing at once fail with errors such as "postParse2() missing … 'tokenList'"): the
#: service's threads (requests, the warm-up) parse one at a time.
RDFLIB_PARSING: Final = threading.Lock()


def parse_query(text: str) -> Any:
    """rdflib's parse tree of a SPARQL query (raises what rdflib raises)."""
    with RDFLIB_PARSING:
        return rdflib_parser.parseQuery(text)


def parse_update(text: str) -> Any:
    """rdflib's parse tree of a SPARQL update."""
    with RDFLIB_PARSING:
        return rdflib_parser.parseUpdate(text)


#: The parser's name for each query form.
_FORMS: Final[dict[str, QueryForm]] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}

READ_ONLY: Final = (
    "SPARQL Update is not allowed: this is a read-only endpoint (send a query instead)"
)
FEDERATION_DISABLED: Final = (
    "federated queries are disabled: SERVICE clauses are not allowed on this endpoint"
)


class QueryRejected(Exception):
    """The request is refused before the query runs; ``status`` is the HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def check_length(query: str, limit: int) -> None:
    """Refuse query texts longer than ``limit`` characters (HTTP 413)."""
    if len(query) > limit:
        raise QueryRejected(413, f"query too long: {len(query)} characters, the limit is {limit}")


#: Deepest nesting of ``{``, ``(`` and ``[`` a query may have: far deeper than any real query
#: (rdflib's parser gives up near 25 levels of brackets), far below the depth that overflows
#: Oxigraph's parser and kills the worker (a few thousand).
MAX_NESTING: Final = 100
#: What may hold a bracket without opening one: strings (long and short), IRIs, comments.
_NOT_BRACKETS: Final = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*"
)


def check_nesting(query: str, limit: int = MAX_NESTING) -> None:
    """Refuse (400) a query nested deeper than ``limit``, in linear time, before any parser."""
    depth = deepest = 0
    for char in _NOT_BRACKETS.sub(" ", query):
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth -= 1
    if deepest > limit:
        raise QueryRejected(
            400, f"query nested too deeply: {deepest} levels of brackets, the limit is {limit}"
        )


def _is_update(text: str) -> bool:
    try:
        parse_update(text)
    except Exception:  # anything that is not a valid update is simply not one
        return False
    return True


def has_service(tree: Any) -> bool:
    """Whether a parse (or algebra) tree holds a SERVICE clause (iterative: trees can be deep)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return False


def form_of(tree: Any) -> QueryForm:
    """The form of a parsed query."""
    form = _FORMS.get(getattr(tree[1], "name", ""))
    if form is None:  # pragma: no cover - the grammar has exactly these four forms
        raise QueryRejected(400, "unsupported query form")
    return form


def query_form(text: str) -> QueryForm:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; raises the parser's error if not a query."""
    return form_of(parse_query(text))


def inspect_query(text: str) -> QueryForm:
    """The form of a read-only query; raises :class:`QueryRejected` for anything else."""
    check_nesting(text)
    try:
        tree = parse_query(text)
    except RecursionError:
        raise QueryRejected(400, "query nested too deeply to parse") from None
    except Exception as error:  # pyparsing's ParseException, or rdflib's own errors
        if _is_update(text):
            raise QueryRejected(403, READ_ONLY) from None
        raise QueryRejected(400, str(syntax_problem(text, error))) from None
    missing = undeclared_prefixes(tree)
    if missing:
        raise QueryRejected(400, str(syntax_problem(text, unknown_prefix=missing[0])))
    if has_service(tree):
        raise QueryRejected(400, FEDERATION_DISABLED)
    return form_of(tree)


# --- readable syntax errors --------------------------------------------------------------


@dataclass(frozen=True)
class SyntaxProblem:
    """Where a query text is wrong and what to do: one style for the endpoint, the library
    and the CLI. ``line`` and ``column`` count from 1."""

    message: str
    line: int | None = None
    column: int | None = None
    source_line: str | None = None
    fix: str | None = None  # a line to add, e.g. ``PREFIX org: <http://www.w3.org/ns/org#>``

    @property
    def headline(self) -> str:
        """The problem on one line (for ``file:line: message`` on a terminal)."""
        where = f" at line {self.line}, column {self.column}" if self.line and self.column else ""
        fix = f"; add {self.fix}" if self.fix else ""
        return f"SPARQL syntax error{where}: {self.message}{fix}"

    def __str__(self) -> str:
        """The problem with the offending line and a caret under the column (for pages)."""
        where = f" at line {self.line}, column {self.column}" if self.line and self.column else ""
        lines = [f"SPARQL syntax error{where}: {self.message}"]
        if self.source_line is not None and self.column:
            shown = self.source_line.expandtabs(1)
            lines += [f"    {shown}", "    " + " " * (self.column - 1) + "^"]
        if self.fix:
            lines.append(f"Add: {self.fix}")
        return "\n".join(lines)


#: pyoxigraph's message: ``error at LINE:COLUMN: expected one of A, B, ['x' ..= 'z'], …``.
_OXIGRAPH_ERROR: Final = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def undeclared_prefixes(tree: Any) -> list[str]:
    """Prefixes the parsed query uses without declaring them, in order of first use."""
    declared = {
        str(dict.get(d, "prefix") or "")
        for d in tree[0]
        if isinstance(d, CompValue) and d.name == "PrefixDecl"
    }
    used: list[str] = []
    stack = [tree[1]]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "pname":
                prefix = str(dict.get(node, "prefix") or "")  # absent for ``:name``
                if prefix not in declared and prefix not in used:
                    used.append(prefix)
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(reversed(list(node)))
        elif isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
    return used


def _oxigraph_position(text: str) -> tuple[int, int, str] | None:
    """pyoxigraph's line, column and expectation for a text it cannot parse (else None)."""
    try:  # only on the error path: the text is parsed and run on an empty store
        pyoxigraph.Store().query(text)
    except SyntaxError as error:
        found = _OXIGRAPH_ERROR.match(str(error))
        if found:
            return int(found.group(1)), int(found.group(2)), found.group(3)
    except Exception:  # an evaluation error on an empty store: the syntax is fine
        return None
    return None


def _unexpected(source: str | None, column: int) -> str:
    """What stands at the position: pyoxigraph's lists of alternatives name functions and
    character ranges, which mislead more than they help, so the text found is named."""
    token = re.match(r"\S+", (source or "")[column - 1 :])
    if token is None:
        return "the query ends too early (a brace, bracket or term is missing)"
    return f"unexpected {token.group(0)[:20]!r}"


def _locate_prefix(lines: list[str], prefix: str, hint: tuple[int, int] | None) -> tuple[int, int]:
    """Line and column (from 1) of the first use of ``prefix:`` (near ``hint``, if given)."""
    name = re.compile(rf"(?<![\w:<?$-]){re.escape(prefix)}:(?!//)")
    if hint is not None:
        line = hint[0]
        if 0 < line <= len(lines):
            uses = [m.start() for m in name.finditer(lines[line - 1][: hint[1]])]
            if uses:
                return line, uses[-1] + 1
    for number, text in enumerate(lines, start=1):
        if text.lstrip().upper().startswith("PREFIX"):
            continue
        found = name.search(text)
        if found:
            return number, found.start() + 1
    return (hint or (1, 1))[0], 1


def syntax_problem(
    text: str, error: Exception | None = None, *, unknown_prefix: str | None = None
) -> SyntaxProblem:
    """What is wrong with a query text, where, and (for an unknown prefix) what to add.

    ``error`` is the parser's exception, if one was raised. The position comes from
    pyparsing (rdflib's parser: the start of the construct it could not read), else from
    pyoxigraph (the furthest point it read), which also finds undeclared prefixes.
    """
    lines = text.splitlines() or [""]
    position = _oxigraph_position(text)
    if unknown_prefix is None and position and "Prefix not found" in position[2]:
        unknown_prefix = _prefix_before(lines, position)
    if unknown_prefix is not None:
        line, column = _locate_prefix(lines, unknown_prefix, position[:2] if position else None)
        known = QUERY_PREFIXES.get(unknown_prefix)
        fix = f"PREFIX {unknown_prefix}: <{known}>" if known else None
        message = f"unknown prefix {unknown_prefix}:" + (
            "" if known else f" (declare it: PREFIX {unknown_prefix}: <…>)"
        )
        return SyntaxProblem(message, line, column, _line(lines, line), fix)
    if isinstance(error, ParseBaseException):  # pyparsing names where a construct starts
        source = _line(lines, error.lineno)
        return SyntaxProblem(_unexpected(source, error.col), error.lineno, error.col, source)
    if position:  # pyoxigraph points just past the token it stopped at
        line, column = position[:2]
        source = _line(lines, line)
        if source is not None:
            column = max(1, min(column, len(source.rstrip()) or 1))
        return SyntaxProblem(_unexpected(source, column), line, column, source)
    return SyntaxProblem(str(error or "not a SPARQL query"))


def _line(lines: list[str], number: int | None) -> str | None:
    return lines[number - 1] if number and 0 < number <= len(lines) else None


def _prefix_before(lines: list[str], position: tuple[int, int, str]) -> str | None:
    """The prefix of the prefixed name that ends where pyoxigraph stopped."""
    source = _line(lines, position[0]) or ""
    found = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", source[: position[1] - 1])
    return found.group(1) or "" if found else None


@lru_cache(maxsize=256)
def iris_in(text: str) -> frozenset[URIRef]:
    """Every IRI a query names (prefixed names resolved, property paths opened); empty for
    a text that does not parse."""
    try:
        tree: Any = translateQuery(parse_query(text)).algebra
    except Exception:  # not a query: it names nothing we can tell
        return frozenset()
    found: set[URIRef] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, URIRef):
            found.add(node)
        elif isinstance(node, CompValue | dict):
            stack.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple | set | frozenset):
            stack.extend(node)
        elif isinstance(node, Path):  # p1/p2, ^p, p*, p|q
            stack.extend(getattr(node, "args", []))
            stack.extend(n for n in (getattr(node, "arg", None), getattr(node, "path", None)) if n)
    return frozenset(found)


#: What a variable's name is not read inside: comments, IRIs and string literals.
_OPAQUE: Final = re.compile(
    r"#[^\n]*|<[^<>\"{}|^`\\\s]*>|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""
)
_STAR: Final = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)
_VARIABLE: Final = re.compile(r"[?$]([A-Za-z0-9_\u00B7-\uFFFF]+)")


def in_query_order(sparql: str, result: SelectResult) -> SelectResult:
    """``SELECT *``'s columns in the order the query names its variables (engines choose
    their own order, Oxigraph's is alphabetical); any other SELECT is left as it is."""
    if "*" not in sparql:  # most queries: no need to read the text
        return result
    text = _OPAQUE.sub(" ", sparql)
    star = _STAR.search(text)
    first = re.search(r"\bSELECT\b", text, re.IGNORECASE)
    if star is None or first is None or star.start() != first.start():  # the outer SELECT
        return result
    named = list(dict.fromkeys(m.group(1) for m in _VARIABLE.finditer(text, star.end())))
    order = [v for v in named if v in result.variables]
    order += [v for v in result.variables if v not in order]
    return SelectResult(order, result.rows) if order != result.variables else result
