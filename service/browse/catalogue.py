"""What there is to browse: each kind of minted resource (the first segment of its path,
``partner`` in ``<base>partner/liu``) with its count, and the rows of one kind with the
columns its members most often have. Everything is read from the store, and the kinds'
names and order from the registry of the model (``service/model.py``): nothing is typed in
per kind, so a new kind of resource in ``data/`` is listed without code."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from ..i18n import LABEL_PREDICATES, best_literal, label_rank
from ..labels import fetch_labels
from ..model import registry
from ..namespaces import DCTERMS, RDF, SKG, SKOS, compact_iri
from ..pages.vocabulary import term_name
from ..search.index import fold
from ..store.base import Store

#: Properties never shown as columns: names, types and provenance have their own place.
_NOT_COLUMNS: Final = frozenset(
    {*LABEL_PREDICATES, RDF.type, DCTERMS.source, SKOS.altLabel, SKOS.hiddenLabel}
)
#: Most key columns shown, and the share of a kind's members a property must cover.
MAX_COLUMNS: Final = 5
MIN_COVERAGE: Final = 0.3


@dataclass(frozen=True)
class Kind:
    slug: str  # the path segment: partner
    count: int
    main: bool = False  # among the main kinds the home page shows first

    def name(self, lang: str) -> str:
        """The path's plural name from the registry (the ontology), else its segment."""
        return registry().path_kind(self.slug).name(lang)


def kinds(store: Store, base_iri: str) -> list[Kind]:
    """Each first path segment of the IRIs minted under ``base_iri`` that are described."""
    rows = store.select(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o "
        f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {Literal(base_iri).n3()})) }}"
    ).rows
    counts: Counter[str] = Counter()
    for row in rows:
        rest = str(row["s"])[len(base_iri) :]
        slug, slash, name = rest.partition("/")
        if slash and name and slug:
            counts[slug] += 1
    paths = registry().paths
    orders = {slug: paths[slug].order for slug in counts if slug in paths}
    main = {slug: order for slug, order in orders.items() if order is not None}
    return sorted(
        (Kind(slug, n, slug in main) for slug, n in counts.items()),
        key=lambda k: (k.slug not in main, main.get(k.slug, 0), k.slug),
    )


@dataclass(frozen=True)
class Cell:
    """One value in a listing: its text, a link for IRIs, a sort key."""

    text: str
    iri: str | None = None
    lang: str | None = None
    sort: str = ""


@dataclass(frozen=True)
class Column:
    key: str  # the property as a prefixed name: the ``sort=`` value
    iri: str
    name: str


@dataclass
class Row:
    iri: str
    label: str
    label_lang: str | None
    types: list[Cell] = field(default_factory=list)
    values: dict[str, list[Cell]] = field(default_factory=dict)

    def text(self, key: str) -> str:
        return "; ".join(c.text for c in self.values.get(key, []))

    def sort_key(self, key: str) -> tuple[int, str]:
        if key == "label":
            return 0, fold(self.label)
        if key == "type":
            return 0, fold(" ".join(c.text for c in self.types))
        cells = self.values.get(key, [])
        return (0, min(c.sort for c in cells)) if cells else (1, "")

    def matches(self, folded: str) -> bool:
        texts = [self.label, *(c.text for c in self.types)]
        texts += [c.text for cells in self.values.values() for c in cells]
        return all(term in fold(" ".join(texts)) for term in folded.split())


@dataclass
class Listing:
    kind: Kind
    columns: list[Column]
    rows: list[Row]


def _sortable(term: Identifier, text: str) -> str:
    """Numbers sort as numbers, dates as dates, the rest as folded text."""
    if isinstance(term, Literal) and isinstance(term.value, int | float):
        return f"{float(term.value):020.4f}"
    return fold(text)


def listing(store: Store, base_iri: str, kind: Kind, lang: str) -> Listing:
    """Every resource of ``kind`` with its label, types and key columns in ``lang``."""
    prefix = Literal(f"{base_iri}{kind.slug}/").n3()
    rows = store.select(
        "SELECT ?s ?p ?o ?blankLabel ?earliest WHERE { ?s ?p ?o "
        f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {prefix})) "
        f"OPTIONAL {{ ?o {SKG.earliest.n3()} ?earliest }} "
        "OPTIONAL { ?o <http://www.w3.org/2000/01/rdf-schema#label> ?blankLabel "
        "FILTER(isBlank(?o)) } }"
    ).rows
    triples: dict[URIRef, dict[URIRef, list[tuple[Identifier, Identifier | None]]]] = {}
    blank_labels: dict[Identifier, list[Literal]] = {}
    earliest: dict[Identifier, str] = {}
    for row in rows:
        s, p, o = row.get("s"), row.get("p"), row.get("o")
        if not (isinstance(s, URIRef) and isinstance(p, URIRef) and o is not None):
            continue
        values = triples.setdefault(s, {}).setdefault(p, [])
        if (o, None) not in values:  # a blank node's labels repeat its row, once per language
            values.append((o, None))
        label = row.get("blankLabel")
        if isinstance(o, BNode) and isinstance(label, Literal):
            blank_labels.setdefault(o, []).append(label)
        if row.get("earliest") is not None:
            earliest[o] = str(row["earliest"])
    coverage: Counter[URIRef] = Counter(p for props in triples.values() for p in props)

    def long_text(p: URIRef) -> bool:  # descriptions make poor columns: keep them for pages
        values = [o for props in triples.values() for o, _ in props.get(p, [])]
        return sum(isinstance(o, Literal) and len(str(o)) > 60 for o in values) > len(values) / 2

    candidates = [
        p for p, n in coverage.items() if p not in _NOT_COLUMNS and n >= MIN_COVERAGE * len(triples)
    ]

    def literal_only(p: URIRef) -> bool:  # links and dates say more in a column than notes
        return all(
            isinstance(o, Literal) for props in triples.values() for o, _ in props.get(p, [])
        )

    candidates.sort(
        key=lambda p: (long_text(p), literal_only(p), -coverage[p], compact_iri(str(p)))
    )
    chosen = candidates[:MAX_COLUMNS]
    iris = {o for props in triples.values() for vs in props.values() for o, _ in vs}
    names = fetch_labels(store, [i for i in iris if isinstance(i, URIRef)] + chosen, lang)

    def name_of(iri: URIRef) -> str:
        return names.get(iri) or term_name(iri, lang) or compact_iri(str(iri))

    def cell(term: Identifier) -> Cell:
        if isinstance(term, URIRef):
            text = name_of(term)
            return Cell(text, iri=str(term), sort=fold(text))
        if isinstance(term, BNode):
            best = best_literal(blank_labels.get(term, []), lang)
            text = str(best) if best is not None else "…"
            return Cell(text, sort=earliest.get(term, fold(text)))
        assert isinstance(term, Literal)
        return Cell(str(term), lang=term.language, sort=_sortable(term, str(term)))

    def pick(values: list[tuple[Identifier, Identifier | None]]) -> list[Cell]:
        literals = [v for v, _ in values if isinstance(v, Literal) and v.language]
        if literals:  # texts in two languages: the reader's one
            best = best_literal(literals, lang)
            assert best is not None
            others = [v for v, _ in values if not (isinstance(v, Literal) and v.language)]
            return [cell(best), *sorted((cell(v) for v in others), key=lambda c: c.sort)]
        return sorted((cell(v) for v, _ in values), key=lambda c: c.sort)

    result = []
    for subject, props in triples.items():
        labels = [
            (label_rank(o, p, lang), o)
            for p in LABEL_PREDICATES
            for o, _ in props.get(p, [])
            if isinstance(o, Literal)
        ]
        best_label = min(labels, key=lambda pair: pair[0])[1] if labels else None
        result.append(
            Row(
                iri=str(subject),
                label=str(best_label) if best_label is not None else str(subject)[len(base_iri) :],
                label_lang=best_label.language if best_label is not None else None,
                types=pick(props.get(RDF.type, [])),
                values={compact_iri(str(p)): pick(props[p]) for p in chosen if p in props},
            )
        )
    result.sort(key=lambda r: r.sort_key("label"))
    columns = [Column(compact_iri(str(p)), str(p), name_of(p)) for p in chosen]
    return Listing(kind, columns, result)
