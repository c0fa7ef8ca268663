"""Turn a description graph into what the HTML resource page shows, in the reader's language.

Labels come from the graph (the description plus the labels of its predicates), then the
names of reused vocabulary terms (service.pages.vocabulary); only a term with neither shows
as a prefixed name. Values carry no datatype beside them when it is an XSD type (a number is
a number); rows are grouped into texts, dates and links; incoming links are named as the
property read backwards ("responsible for"). IRIs under the base link to this service.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..claims import Claims
from ..i18n import LABEL_PREDICATES, label_rank, language_rank
from ..links import LocalHref, link_for
from ..namespaces import DCTERMS, RDF, compact_iri
from ..pages.vocabulary import inverse_name, term_name

#: How deep nested blank nodes are drawn inline (guards against blank-node cycles).
MAX_NESTING = 5
#: Datatypes not worth showing beside a value: the language's own types and every XSD type.
_PLAIN_TYPES = {RDF.langString}
_XSD = str(XSD)


@dataclass
class Value:
    """One value of a property: a link, a literal, or a blank node drawn inline."""

    kind: str  # "iri" | "literal" | "blank"
    text: str
    href: str | None = None
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None
    nested: list["Row"] = field(default_factory=list)
    #: The curators' note when the triple that gives this value is their judgement.
    judgement: str | None = None


@dataclass
class Row:
    """A property (labelled, linked) and its values."""

    label: str
    iri: str
    href: str | None
    values: list[Value]

    @property
    def group(self) -> str:
        """``text`` (only literals), ``time`` (only dates drawn inline) or ``links``."""
        kinds = {v.kind for v in self.values}
        if kinds == {"literal"}:
            return "text"
        if kinds == {"blank"} and all(v.text for v in self.values):
            return "time"
        return "links"


@dataclass
class ResourceView:
    iri: str
    title: str
    anchor: str | None = None
    labels: list[Value] = field(default_factory=list)
    types: list[Value] = field(default_factory=list)
    sources: list[Value] = field(default_factory=list)
    properties: list[Row] = field(default_factory=list)
    incoming: list[Row] = field(default_factory=list)


class Labeller:
    """Labels and links for the terms of one graph, in one language."""

    def __init__(
        self, graph: Graph, lang: str, local: LocalHref, claims: Claims | None = None
    ) -> None:
        self.graph = graph
        self.lang = lang
        self.local = local
        self.claims = claims or Claims()

    def judged(self, value: Value, s: Node, p: Node, o: Node) -> Value:
        """``value``, marked with the curators' note if ``s p o`` is their judgement."""
        claim = self.claims.of(s, p, o)
        if claim is not None:
            value.judgement = claim.note(self.lang)
        return value

    def label(self, node: Node) -> str | None:
        """The best label in the language (see :func:`service.i18n.label_rank`)."""
        found = [
            label_rank(o, p, self.lang)
            for p in LABEL_PREDICATES
            for o in self.graph.objects(node, p)
            if isinstance(o, Literal)
        ]
        return min(found)[2] if found else None

    def name(self, node: Node) -> str:
        """A label, else the name of a reused term, else a prefixed name, else the IRI."""
        found = self.label(node)
        if found is not None:
            return found
        if isinstance(node, URIRef):
            return term_name(node, self.lang) or compact_iri(str(node))
        return str(node)

    def inverse(self, prop: URIRef) -> str:
        """The property read backwards, for incoming links: "responsible for"."""
        return inverse_name(prop, self.lang) or f"{self.name(prop)} ←"

    def href(self, iri: str) -> str | None:
        return link_for(iri, self.local)

    def sort_key(self, value: Value) -> tuple[int, str]:
        return language_rank(value.lang, self.lang), value.text.casefold()


def _value(labeller: Labeller, node: Node, depth: int, seen: frozenset[Node]) -> Value:
    if isinstance(node, Literal):
        dt = node.datatype
        plain = dt is None or dt in _PLAIN_TYPES or str(dt).startswith(_XSD)
        datatype = None if dt is None or plain else labeller.name(dt)
        return Value("literal", str(node), lang=node.language, datatype=datatype)
    if isinstance(node, BNode):
        nested = []
        if depth < MAX_NESTING and node not in seen:
            nested = _rows(labeller, node, depth + 1, seen | {node})
        return Value("blank", labeller.label(node) or "", nested=nested)
    iri = str(node)
    return Value("iri", labeller.name(node), href=labeller.href(iri), iri=iri)


def _group(
    labeller: Labeller, pairs: Iterable[tuple[Node, Value]], incoming: bool = False
) -> list[Row]:
    grouped: dict[Node, list[Value]] = {}
    for predicate, value in pairs:
        grouped.setdefault(predicate, []).append(value)
    rows = [
        Row(
            label=labeller.inverse(p) if incoming and isinstance(p, URIRef) else labeller.name(p),
            iri=str(p),
            href=labeller.href(str(p)),
            values=sorted(values, key=labeller.sort_key),
        )
        for p, values in grouped.items()
    ]
    return sorted(rows, key=lambda row: (row.label.casefold(), row.iri))


def _rows(
    labeller: Labeller, subject: Node, depth: int = 0, seen: frozenset[Node] = frozenset()
) -> list[Row]:
    skip = {DCTERMS.source} if depth == 0 else set()
    pairs = [
        (p, labeller.judged(_value(labeller, o, depth, seen), subject, p, o))
        for p, o in labeller.graph.predicate_objects(subject)
        if p not in skip
    ]
    return _group(labeller, pairs)


def _incoming(labeller: Labeller, subject: URIRef) -> list[Row]:
    """Links to the resource, grouped by property; a blank-node link shows its holder."""
    pairs: list[tuple[Node, Value]] = []
    for s, p in labeller.graph.subject_predicates(subject):
        holders = [s] if not isinstance(s, BNode) else list(labeller.graph.subjects(None, s))
        # The holder is shown; the claim, if any, is on the link to the resource.
        pairs += [
            (p, labeller.judged(_value(labeller, h, MAX_NESTING, frozenset()), s, p, subject))
            for h in holders
        ]
    return _group(labeller, pairs, incoming=True)


def build_view(
    graph: Graph, subject: URIRef, labeller: Labeller, anchor: str | None = None
) -> ResourceView:
    """Everything the page shows about ``subject``."""
    rows = _rows(labeller, subject, 0, frozenset({subject}))
    types = [row for row in rows if row.iri == str(RDF.type)]
    labels = [
        _value(labeller, o, 0, frozenset())
        for p in LABEL_PREDICATES
        for o in graph.objects(subject, p)
        if isinstance(o, Literal)
    ]
    sources = [
        _value(labeller, o, 0, frozenset({subject})) for o in graph.objects(subject, DCTERMS.source)
    ]
    return ResourceView(
        iri=str(subject),
        title=labeller.name(subject),
        anchor=anchor,
        labels=sorted(labels, key=labeller.sort_key),
        types=types[0].values if types else [],
        sources=sorted(sources, key=labeller.sort_key),
        properties=[row for row in rows if row.iri != str(RDF.type)],
        incoming=_incoming(labeller, subject),
    )
