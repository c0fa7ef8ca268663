"""The store interface every backend implements.

Internal callers (linked data, pages, saved questions) use these methods directly with
trusted query text; the public SPARQL endpoint runs client queries through
``service.sparql`` with its guards and timeout.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rdflib import Dataset, Graph
from rdflib.term import Identifier, URIRef


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT query: variable names and, per row, the bound terms."""

    variables: list[str]
    rows: list[dict[str, Identifier]] = field(default_factory=list)


class Store(Protocol):
    """Read-only access to a dataset: a default graph plus named graphs."""

    name: str

    def select(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> SelectResult:
        """Run a SELECT query; ``bindings`` pre-bind variables (never pasted into the text)."""
        ...

    def ask(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> bool: ...

    def construct(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query and return the triples."""
        ...

    def triple_count(self) -> int:
        """Quads in the whole dataset (default graph plus named graphs)."""
        ...

    def named_graphs(self) -> Sequence[URIRef]: ...

    def dataset(self) -> Dataset:
        """The whole dataset as an rdflib Dataset (for dumps and validation)."""
        ...
