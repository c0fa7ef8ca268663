"""Result tables for people: every IRI labelled and linked, every term a cell."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

from ..claims import Claims, claimed_in
from ..labels import fetch_labels
from ..links import LocalHref, link_for
from ..namespaces import compact_iri
from ..query_text import iris_in
from ..spreadsheet import neutralised
from ..store.base import SelectResult, Store

_PLAIN_TYPES = {XSD.string, RDF.langString, None}


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


def _cell(term: Identifier | None, labels: dict[URIRef, str], local: LocalHref) -> Cell:
    if term is None:
        return Cell()
    if isinstance(term, URIRef):
        iri = str(term)
        return Cell(text=labels.get(term) or compact_iri(iri), href=link_for(iri, local), iri=iri)
    if isinstance(term, Literal):
        # a datatype is shown only when it is not XSD's: a number is a number, a date a date
        plain = term.datatype in _PLAIN_TYPES or str(term.datatype).startswith(str(XSD))
        datatype = None if plain else compact_iri(str(term.datatype))
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
    local: LocalHref,
    limit: int,
    offset: int = 0,
) -> Table:
    """Label the IRIs of ``limit`` rows from ``offset`` and turn every term into a Cell."""
    shown = rows[offset : offset + limit]
    labels = fetch_labels(store, _iris(shown), lang)
    return Table(
        columns=columns,
        rows=[[_cell(term, labels, local) for term in row] for row in shown],
        total=len(rows),
    )


def solutions_table(
    store: Store, result: SelectResult, lang: str, local: LocalHref, limit: int, offset: int = 0
) -> Table:
    rows = [[row.get(v) for v in result.variables] for row in result.rows]
    return build_table(store, result.variables, rows, lang, local, limit, offset)


def graph_table(
    store: Store, graph: Graph, lang: str, local: LocalHref, limit: int, offset: int = 0
) -> Table:
    triples: list[list[Identifier | None]] = [
        [s, p, o]  # type: ignore[list-item]
        for s, p, o in sorted(graph)
    ]
    columns = ["subject", "predicate", "object"]
    return build_table(store, columns, triples, lang, local, limit, offset)


#: The name of the label column written beside an IRI column ``x``: ``x_label``.
LABEL_SUFFIX = "_label"


def with_label_columns(store: Store, result: SelectResult, lang: str) -> SelectResult:
    """``result`` with a column ``x_label`` after each column ``x`` that holds an IRI: the
    IRI's best label in ``lang`` (empty where it has none), so that a spreadsheet or pandas
    shows names beside the IRIs. Columns that hold no IRI are left alone; an empty answer,
    whose columns might each hold IRIs, gets a label column beside each (so a program reading
    it finds the columns it reads when there are rows)."""
    iri_columns = [
        v
        for v in result.variables
        if not result.rows or any(isinstance(row.get(v), URIRef) for row in result.rows)
    ]
    taken = set(result.variables)
    names = {}
    for column in iri_columns:
        name = column + LABEL_SUFFIX
        while name in taken:  # a query may already have a column of that name
            name += "_"
        names[column] = name
        taken.add(name)
    labels = fetch_labels(store, _iris([row.values() for row in result.rows]), lang)
    variables = [n for v in result.variables for n in ((v, names[v]) if v in names else (v,))]
    rows = []
    for row in result.rows:
        labelled = dict(row)
        for column, name in names.items():
            term = row.get(column)
            label = labels.get(term) if isinstance(term, URIRef) else None
            if label is not None:
                labelled[name] = Literal(label)
        rows.append(labelled)
    return SelectResult(variables, rows)


def spreadsheet_safe(result: SelectResult) -> SelectResult:
    """``result`` with each literal that a spreadsheet would run as a formula neutralised
    (a CSV/TSV table made for people: labels beside IRIs, or ``samverkan query``)."""

    def safe(term: Identifier) -> Identifier:
        text = str(term) if isinstance(term, Literal) else ""
        return Literal(neutralised(text)) if neutralised(text) != text else term

    rows = [{name: safe(term) for name, term in row.items()} for row in result.rows]
    return SelectResult(result.variables, rows)


#: The column that says which rows show the curators' judgement (their note, else empty).
JUDGEMENT_COLUMN = "curators_judgement"


def may_show_claims(claims: Claims, sparql: str) -> bool:
    """Whether a query can show a claim: it names the predicate of one of ``claims``."""
    named = iris_in(sparql)
    return any(claim.triple[1] in named for claim in claims)


def with_judgement_column(
    claims: Claims, result: SelectResult, sparql: str, lang: str, stated_only: bool = False
) -> SelectResult:
    """``result`` with a last column ``curators_judgement``: in each row that shows a claim
    (its subject and object among the row's values, its predicate among them or named in
    the query), the curators' notes; empty elsewhere. ``stated_only`` drops those rows and
    adds no column."""
    named = iris_in(sparql)
    rows = []
    for row in result.rows:
        found = claimed_in(claims, [t for t in row.values() if t is not None], named)
        if stated_only:
            if not found:
                rows.append(row)
            continue
        notes = sorted({claim.note(lang) for claim in found})
        rows.append({**row, JUDGEMENT_COLUMN: Literal(" | ".join(notes))} if notes else dict(row))
    if stated_only:
        return SelectResult(result.variables, rows)
    name = JUDGEMENT_COLUMN
    while name in result.variables:
        name += "_"
    if name != JUDGEMENT_COLUMN:
        rows = [{(name if k == JUDGEMENT_COLUMN else k): v for k, v in r.items()} for r in rows]
    return SelectResult([*result.variables, name], rows)
