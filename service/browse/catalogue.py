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

from ..claims import Claims
from ..i18n import LABEL_PREDICATES, best_literal, label_rank
from ..labels import fetch_labels
from ..model import registry
from ..namespaces import DCTERMS, ORG, RDF, SKG, SKOS, compact_iri
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
    #: The curators' note when the triple giving this value is their judgement.
    judgement: str | None = None


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

    def judgements(self) -> list[str]:
        """ "column: value — note" for each value that is the curators' judgement."""
        return [
            f"{key}: {c.text} — {c.judgement}"
            for key, cells in [("type", self.types), *self.values.items()]
            for c in cells
            if c.judgement
        ]


def _sortable(term: Identifier, text: str) -> str:
    """Numbers sort as numbers, dates as dates, the rest as folded text."""
    if isinstance(term, Literal) and isinstance(term.value, int | float):
        return f"{float(term.value):020.4f}"
    return fold(text)


def properties_used(store: Store, members: str) -> dict[URIRef, dict[str, int]]:
    """Each property the kind's members have: on how many members, how many values, how
    many of them literals, how many long literals — one aggregate query."""
    rows = store.select(
        "SELECT ?p (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(?o) AS ?values) "
        "(SUM(IF(isLiteral(?o), 1, 0)) AS ?literals) "
        "(SUM(IF(isLiteral(?o) && STRLEN(STR(?o)) > 60, 1, 0)) AS ?long) "
        f"WHERE {{ {members} ?s ?p ?o }} GROUP BY ?p"
    ).rows
    return {
        URIRef(row["p"]): {k: int(row[k]) for k in ("subjects", "values", "literals", "long")}
        for row in rows
        if isinstance(row.get("p"), URIRef)
    }


def chosen_columns(counts: dict[URIRef, dict[str, int]], slug: str) -> list[URIRef]:
    """The listing's columns: those the registry declares for the path, else the properties
    most of the kind's members have (links and dates before notes, long texts never)."""
    declared = registry().path_kind(slug).columns
    if declared:
        return list(declared)
    members_count = max((c["subjects"] for c in counts.values()), default=0)
    candidates = [
        p
        for p, c in counts.items()
        if p not in _NOT_COLUMNS and c["subjects"] >= MIN_COVERAGE * members_count
    ]
    candidates.sort(
        key=lambda p: (
            counts[p]["long"] > counts[p]["values"] / 2,  # descriptions: keep them for pages
            counts[p]["literals"] == counts[p]["values"],  # links and dates before notes
            -counts[p]["subjects"],
            compact_iri(str(p)),
        )
    )
    return [URIRef(p) for p in candidates[:MAX_COLUMNS]]


def rows_of(
    store: Store,
    base_iri: str,
    iris: list[URIRef],
    chosen: list[URIRef],
    lang: str,
    claims: Claims,
    stated_only: bool = False,
) -> tuple[list[Row], list[Column]]:
    """The rows of ``iris`` (in that order) with their labels, types and ``chosen`` columns
    in ``lang``, read by one query for the page's resources only. A value the curators
    claim carries their note; ``stated_only`` leaves such values out."""
    if not iris:
        return [], columns_of(store, chosen, lang)
    # The IRIs are the store's own answers (as in labels.fetch_labels): safe in VALUES.
    values = " ".join(i.n3() for i in iris)
    wanted = ", ".join(p.n3() for p in {*LABEL_PREDICATES, RDF.type, *chosen})
    rows = store.select(
        f"SELECT ?s ?p ?o ?blankLabel ?earliest WHERE {{ VALUES ?s {{ {values} }} "
        f"?s ?p ?o FILTER(?p IN ({wanted})) "
        f"OPTIONAL {{ ?o {SKG.earliest.n3()} ?earliest }} "
        "OPTIONAL { ?o <http://www.w3.org/2000/01/rdf-schema#label> ?blankLabel "
        "FILTER(isBlank(?o)) } }"
    ).rows
    triples: dict[URIRef, dict[URIRef, list[Identifier]]] = {iri: {} for iri in iris}
    notes: dict[tuple[URIRef, URIRef, Identifier], str] = {}
    blank_labels: dict[Identifier, list[Literal]] = {}
    earliest: dict[Identifier, str] = {}
    for row in rows:
        s, p, o = row.get("s"), row.get("p"), row.get("o")
        if not (isinstance(s, URIRef) and isinstance(p, URIRef) and o is not None):
            continue
        claim = claims.of(s, p, o)
        if claim is not None:
            if stated_only:
                continue
            notes[(s, p, o)] = claim.note(lang)
        values_of = triples.setdefault(s, {}).setdefault(p, [])
        if o not in values_of:  # a blank node's labels repeat its row, once per language
            values_of.append(o)
        label = row.get("blankLabel")
        if isinstance(o, BNode) and isinstance(label, Literal):
            blank_labels.setdefault(o, []).append(label)
        if row.get("earliest") is not None:
            earliest[o] = str(row["earliest"])
    linked = {o for props in triples.values() for vs in props.values() for o in vs}
    owners = organisations_of(store, [i for i in linked if isinstance(i, URIRef)])
    names = fetch_labels(
        store, [i for i in {*linked, *owners.values()} if isinstance(i, URIRef)], lang
    )

    def name_of(iri: URIRef) -> str:
        return names.get(iri) or term_name(iri, lang) or compact_iri(str(iri))

    def cell(subject: URIRef, p: URIRef, term: Identifier) -> Cell:
        note = notes.get((subject, p, term))
        if isinstance(term, URIRef):
            text = name_of(term)
            if term in owners:  # a unit says whose it is: which side of the partnership
                text = f"{text} ({name_of(owners[term])})"
            return Cell(text, iri=str(term), sort=fold(text), judgement=note)
        if isinstance(term, BNode):
            best = best_literal(blank_labels.get(term, []), lang)
            text = str(best) if best is not None else "…"
            return Cell(text, sort=earliest.get(term, fold(text)), judgement=note)
        assert isinstance(term, Literal)
        sort = _sortable(term, str(term))
        return Cell(str(term), lang=term.language, sort=sort, judgement=note)

    def pick(subject: URIRef, p: URIRef, values: list[Identifier]) -> list[Cell]:
        literals = [v for v in values if isinstance(v, Literal) and v.language]
        if literals:  # texts in two languages: the reader's one
            best = best_literal(literals, lang)
            assert best is not None
            others = [v for v in values if not (isinstance(v, Literal) and v.language)]
            rest = sorted((cell(subject, p, v) for v in others), key=lambda c: c.sort)
            return [cell(subject, p, best), *rest]
        return sorted((cell(subject, p, v) for v in values), key=lambda c: c.sort)

    result = []
    for subject, props in triples.items():
        labels = [
            (label_rank(o, p, lang), o)
            for p in LABEL_PREDICATES
            for o in props.get(p, [])
            if isinstance(o, Literal)
        ]
        best_label = min(labels, key=lambda pair: pair[0])[1] if labels else None
        result.append(
            Row(
                iri=str(subject),
                label=str(best_label) if best_label is not None else str(subject)[len(base_iri) :],
                label_lang=best_label.language if best_label is not None else None,
                types=pick(subject, RDF.type, props.get(RDF.type, [])),
                values={
                    compact_iri(str(p)): pick(subject, p, props[p]) for p in chosen if p in props
                },
            )
        )
    return result, columns_of(store, chosen, lang)


def organisations_of(store: Store, iris: list[URIRef]) -> dict[URIRef, URIRef]:
    """The organisation (a university, municipality or region: a partner) each of the
    ``iris`` that is an organisational unit belongs to, through ``org:unitOf``."""
    units = [i for i in iris if isinstance(i, URIRef)]
    partners = " ".join(c.n3() for c in sorted(registry().classes_at("partner")))
    if not units or not partners:
        return {}
    # The IRIs are the store's own answers (as in labels.fetch_labels): safe in VALUES.
    rows = store.select(
        f"SELECT ?unit ?owner WHERE {{ VALUES ?unit {{ {' '.join(u.n3() for u in units)} }} "
        f"?unit {ORG.unitOf.n3()}+ ?owner . VALUES ?ownerClass {{ {partners} }} "
        "?owner a ?ownerClass }"
    ).rows
    return {
        URIRef(row["unit"]): URIRef(row["owner"])
        for row in rows
        if isinstance(row.get("unit"), URIRef) and isinstance(row.get("owner"), URIRef)
    }


def columns_of(store: Store, chosen: list[URIRef], lang: str) -> list[Column]:
    names = fetch_labels(store, chosen, lang)
    return [
        Column(
            compact_iri(str(p)), str(p), names.get(p) or term_name(p, lang) or compact_iri(str(p))
        )
        for p in chosen
    ]
