"""What a SPARQL text is, decided by parsing: its form, and whether it updates or federates.

Queries are parsed with rdflib's SPARQL parser whatever the backend, so that a SERVICE
clause is found wherever it hides (OPTIONAL, sub-select, FILTER EXISTS, ...) rather than
by looking for a word in the text. The public endpoint, the saved-question library and the
CLI all ask here.
"""

from typing import Any, Final

from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from .formats import QueryForm

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


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
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
    return form_of(parseQuery(text))


def inspect_query(text: str) -> QueryForm:
    """The form of a read-only query; raises :class:`QueryRejected` for anything else."""
    try:
        tree = parseQuery(text)
    except RecursionError:
        raise QueryRejected(400, "query nested too deeply to parse") from None
    except Exception as error:  # pyparsing's ParseException, or rdflib's own errors
        if _is_update(text):
            raise QueryRejected(403, READ_ONLY) from None
        message = str(error) or type(error).__name__
        raise QueryRejected(400, f"SPARQL syntax error: {message}") from None
    if has_service(tree):
        raise QueryRejected(400, FEDERATION_DISABLED)
    return form_of(tree)
