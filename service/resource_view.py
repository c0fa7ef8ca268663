"""Turn a description graph into what the HTML resource page shows, in the reader's language.

Labels come from the graph (the description plus the labels of its predicates); a term
with no label shows as a prefixed name. IRIs under the base link to this service.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .describe import LABEL_PREDICATES
from .labels import short_iri
from .namespaces import DCTERMS, RDF

LANGUAGES = ("sv", "en")
#: How deep nested blank nodes are drawn inline (guards against blank-node cycles).
MAX_NESTING = 5
#: Datatypes not worth showing beside a value.
_PLAIN_TYPES = {XSD.string, RDF.langString, XSD.integer}
_LINKABLE_SCHEMES = ("http://", "https://", "mailto:")
#: Characters left as they are when an IRI's path becomes a link (the rest is %-encoded).
_IRI_SAFE = "/#:@!$&'()*+,;=-._~%"


def choose_language(lang_param: str | None, accept_language: str | None) -> str:
    """``?lang=`` first, then the best of sv/en in Accept-Language, else Swedish."""
    if lang_param and lang_param.lower() in LANGUAGES:
        return lang_param.lower()
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else LANGUAGES[0]


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


@dataclass
class Row:
    """A property (labelled, linked) and its values."""

    label: str
    iri: str
    href: str | None
    values: list[Value]


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

    def __init__(self, graph: Graph, lang: str, local: Callable[[str], str | None]) -> None:
        self.graph = graph
        self.order = [lang, *(other for other in LANGUAGES if other != lang)]
        self.local = local

    def label(self, node: Node) -> str | None:
        """The best label: chosen language, the other language, untagged, then any."""
        found = [
            o
            for p in LABEL_PREDICATES
            for o in self.graph.objects(node, p)
            if isinstance(o, Literal)
        ]
        for wanted in [*self.order, None]:
            for literal in found:
                if literal.language == wanted:
                    return str(literal)
        return str(min(found)) if found else None

    def name(self, node: Node) -> str:
        """A label, else a prefixed name, else the IRI itself."""
        found = self.label(node)
        if found is not None:
            return found
        return short_iri(str(node)) if isinstance(node, URIRef) else str(node)

    def href(self, iri: str) -> str | None:
        """Where a link to ``iri`` goes: this service for our IRIs, else the IRI if it is safe."""
        local = self.local(iri)
        if local is not None:
            return local
        return iri if iri.lower().startswith(_LINKABLE_SCHEMES) else None

    def sort_key(self, value: Value) -> tuple[int, str]:
        rank = self.order.index(value.lang) if value.lang in self.order else len(self.order)
        return rank, value.text.casefold()


def local_href(base_iri: str, root_path: str) -> Callable[[str], str | None]:
    """Map IRIs under ``base_iri`` to paths on this service (``root_path`` is its mount)."""

    def local(iri: str) -> str | None:
        if not iri.startswith(base_iri):
            return None
        rest = iri[len(base_iri) :]
        return root_path.rstrip("/") + "/" + quote(rest, safe=_IRI_SAFE)

    return local


def _value(labeller: Labeller, node: Node, depth: int, seen: frozenset[Node]) -> Value:
    if isinstance(node, Literal):
        dt = node.datatype
        datatype = None if dt is None or dt in _PLAIN_TYPES else labeller.name(dt)
        return Value("literal", str(node), lang=node.language, datatype=datatype)
    if isinstance(node, BNode):
        nested = []
        if depth < MAX_NESTING and node not in seen:
            nested = _rows(labeller, node, depth + 1, seen | {node})
        return Value("blank", labeller.label(node) or "", nested=nested)
    iri = str(node)
    return Value("iri", labeller.name(node), href=labeller.href(iri), iri=iri)


def _group(labeller: Labeller, pairs: Iterable[tuple[Node, Value]]) -> list[Row]:
    grouped: dict[Node, list[Value]] = {}
    for predicate, value in pairs:
        grouped.setdefault(predicate, []).append(value)
    rows = [
        Row(
            label=labeller.name(p),
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
        (p, _value(labeller, o, depth, seen))
        for p, o in labeller.graph.predicate_objects(subject)
        if p not in skip
    ]
    return _group(labeller, pairs)


def _incoming(labeller: Labeller, subject: URIRef) -> list[Row]:
    """Links to the resource, grouped by property; a blank-node link shows its holder."""
    pairs: list[tuple[Node, Value]] = []
    for s, p in labeller.graph.subject_predicates(subject):
        holders = [s] if not isinstance(s, BNode) else list(labeller.graph.subjects(None, s))
        pairs += [(p, _value(labeller, h, MAX_NESTING, frozenset())) for h in holders]
    return _group(labeller, pairs)


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
