"""What the query pages show: result tables with labelled links, and the pages' words."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

from .labels import fetch_labels, short_iri
from .store.base import SelectResult, Store

_PLAIN_TYPES = {XSD.string, RDF.langString, None}
_LINKABLE_SCHEMES = ("http://", "https://", "mailto:")

#: The query pages' own words, per language.
WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Fråga grafen med SPARQL",
        "examples": "Exempelfrågor",
        "choose": "Välj en fråga …",
        "run": "Kör",
        "download": "Ladda ner",
        "rows": "rader",
        "questions": "Frågor",
        "questions_intro": "Sparade frågor till grafen. Varje fråga kan köras här, hämtas som "
        "CSV eller JSON, eller öppnas i SPARQL-redigeraren.",
        "parameters": "Parametrar",
        "required": "obligatorisk",
        "optional": "valfri",
        "open_editor": "Öppna i redigeraren",
        "sparql_text": "SPARQL",
        "answer": "Svar",
        "yes": "Ja",
        "no": "Nej",
        "no_rows": "Inga träffar.",
        "truncated": "Visar de första {shown} av {total} raderna; ladda ner alla nedan.",
        "error": "Fel",
        "switch": "In English",
        "other": "en",
        "no_js": "Utan JavaScript skickas frågan direkt till /sparql.",
    },
    "en": {
        "title": "Query the graph with SPARQL",
        "examples": "Example questions",
        "choose": "Choose a question …",
        "run": "Run",
        "download": "Download",
        "rows": "rows",
        "questions": "Questions",
        "questions_intro": "Saved questions to the graph. Each can be run here, downloaded "
        "as CSV or JSON, or opened in the SPARQL editor.",
        "parameters": "Parameters",
        "required": "required",
        "optional": "optional",
        "open_editor": "Open in the editor",
        "sparql_text": "SPARQL",
        "answer": "Answer",
        "yes": "Yes",
        "no": "No",
        "no_rows": "No results.",
        "truncated": "Showing the first {shown} of {total} rows; download them all below.",
        "error": "Error",
        "switch": "På svenska",
        "other": "sv",
        "no_js": "Without JavaScript the query is sent straight to /sparql.",
    },
}


@dataclass(frozen=True)
class Cell:
    """One term in a result table: a labelled link, a literal, or a blank node."""

    text: str = ""
    href: str | None = None
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None


@dataclass
class Table:
    """A result table ready for a template."""

    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    total: int = 0


def link_for(iri: str, local: Callable[[str], str | None]) -> str | None:
    """This service's page for our IRIs; other IRIs only if their scheme is safe to link."""
    found = local(iri)
    if found is not None:
        return found
    return iri if iri.lower().startswith(_LINKABLE_SCHEMES) else None


def _cell(
    term: Identifier | None, labels: dict[URIRef, str], local: Callable[[str], str | None]
) -> Cell:
    if term is None:
        return Cell()
    if isinstance(term, URIRef):
        iri = str(term)
        return Cell(text=labels.get(term) or short_iri(iri), href=link_for(iri, local), iri=iri)
    if isinstance(term, Literal):
        datatype = None if term.datatype in _PLAIN_TYPES else short_iri(str(term.datatype))
        return Cell(text=str(term), lang=term.language, datatype=datatype)
    if isinstance(term, BNode):
        return Cell(text=f"_:{term}")
    return Cell(text=str(term))


def _iris(rows: Iterable[Iterable[Identifier | None]]) -> set[URIRef]:
    return {term for row in rows for term in row if isinstance(term, URIRef)}


def build_table(
    store: Store,
    columns: list[str],
    rows: list[list[Identifier | None]],
    lang: str,
    local: Callable[[str], str | None],
    limit: int,
) -> Table:
    """Label the IRIs of the first ``limit`` rows and turn every term into a Cell."""
    shown = rows[:limit]
    labels = fetch_labels(store, _iris(shown), lang)
    return Table(
        columns=columns,
        rows=[[_cell(term, labels, local) for term in row] for row in shown],
        total=len(rows),
    )


def solutions_table(
    store: Store, result: SelectResult, lang: str, local: Callable[[str], str | None], limit: int
) -> Table:
    rows = [[row.get(v) for v in result.variables] for row in result.rows]
    return build_table(store, result.variables, rows, lang, local, limit)


def graph_table(
    store: Store, graph: Graph, lang: str, local: Callable[[str], str | None], limit: int
) -> Table:
    triples: list[list[Identifier | None]] = [
        [s, p, o]  # type: ignore[list-item]
        for s, p, o in sorted(graph)
    ]
    return build_table(store, ["subject", "predicate", "object"], triples, lang, local, limit)
