"""What a SELECT query answers, as plain rdflib terms: shared by the store, which produces it,
and the writers (``serialize.py``) and features, which read it."""

from dataclasses import dataclass, field

from rdflib.term import Identifier


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT query: variable names and, per row, the bound terms."""

    variables: list[str]
    rows: list[dict[str, Identifier]] = field(default_factory=list)
