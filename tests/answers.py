"""Saved questions' answers as the tests compare them (a plain module: test modules import it)."""

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from service.questions.library import SavedQuery
from service.store.base import SelectResult, Store

Row = tuple[Any, ...]


def plain(term: Identifier | None) -> Any:
    """A term as a test compares it: IRIs by local name, literals as Python values."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    raise AssertionError(f"unexpected term {term!r} (blank nodes should not be answers)")


def asker(
    stores: Mapping[str, Store], library: Mapping[str, SavedQuery]
) -> Callable[..., set[Row]]:
    """``ask(name, **params)``: the question's rows, the same on every backend, no duplicates."""

    def ask(name: str, **params: str) -> set[Row]:
        question = library[name]
        answers = {}
        for backend, store in stores.items():
            result = question.run(store, params)
            assert isinstance(result, SelectResult)
            answers[backend] = Counter(
                tuple(plain(row.get(v)) for v in result.variables) for row in result.rows
            )
        for backend, answer in answers.items():  # embedded backends and a remote engine
            assert answer == answers["oxigraph"], f"{name}: {backend} disagrees with oxigraph"
        rows = answers["oxigraph"]
        assert all(n == 1 for n in rows.values()), f"{name}: duplicate rows {rows}"
        return set(rows)

    return ask
