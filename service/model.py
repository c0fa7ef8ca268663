"""The registry of the model's kinds, read from the ontology once per graph root.

Every class the ontology names (``ontology/*.ttl``) with what the service must know about
it: the IRI path its resources are minted under, its labels, the name and place of that
path's listing, its sheet and Typ word in the spreadsheet template, whether it is a row of
the comparison, and — by ``rdfs:subClassOf*`` — whether it is a kind of partnership,
agreement, action plan or organisation. The facts the ontology's meaning does not give are
its own annotations (``ontology/kinds.ttl``), so a new kind is ontology, shape and words:
browse, dumps, the template, the comparison, the summaries and the saved questions follow.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .errors import FileError
from .loading.rdf import load_graph
from .namespaces import ORG, RDFS, SKG, VANN, compact_iri
from .paths import graph_root, rdf_files_in

#: The roots of the groups of kinds; a class is in a group if it is a root's subclass.
PARTNERSHIP_ROOT: Final = ORG.OrganizationalCollaboration
AGREEMENT_ROOT: Final = SKG.CollaborationAgreement
PLAN_ROOT: Final = SKG.ActionPlan
ORGANISATION_ROOT: Final = ORG.Organization
UNIVERSITY_ROOT: Final = SKG.University


@dataclass(frozen=True)
class ModelKind:
    """One class of the ontology and what the service knows about it."""

    iri: URIRef
    labels: dict[str, str]  # language → rdfs:label
    path: str | None  # "partnership": its resources are <base>partnership/…
    ancestors: frozenset[URIRef]  # itself and every class above it (rdfs:subClassOf*)
    sheet: str | None = None  # the template's sheet its resources are written in
    sheet_type: str | None = None  # the word in that sheet's Typ column
    sheet_default: bool = False  # the class a row without a Typ word gets
    compared_as: str | None = None  # the comparison's kind of row, declared here

    @property
    def is_partnership(self) -> bool:
        return PARTNERSHIP_ROOT in self.ancestors

    @property
    def is_agreement(self) -> bool:
        return AGREEMENT_ROOT in self.ancestors

    @property
    def is_plan(self) -> bool:
        return PLAN_ROOT in self.ancestors

    @property
    def is_organisation(self) -> bool:
        return ORGANISATION_ROOT in self.ancestors or ORG.FormalOrganization in self.ancestors

    @property
    def is_university(self) -> bool:
        return UNIVERSITY_ROOT in self.ancestors

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()), str(self.iri))


#: Words of a listing's address that no facet may take as its key.
LISTING_PARAMETERS: Final = frozenset({"q", "sort", "desc", "page", "per_page", "lang", "format"})


@dataclass(frozen=True)
class Facet:
    """A facet of a listing: ``?key=value`` keeps the resources whose ``path`` reaches value."""

    key: str  # its name in the address and in words/ ([facets])
    path: tuple[URIRef, ...]  # the properties followed from a listed resource to a value
    classes: frozenset[URIRef] = frozenset()  # if any: only values of these classes count


@dataclass(frozen=True)
class PathKind:
    """One path segment: the listing at ``/{segment}`` and the dumps' prefix for it."""

    segment: str
    names: dict[str, str]  # language → plural name
    prefix: str | None  # the dumps' prefix: "ps" for partnership/
    order: int | None  # its place among the main kinds on /browse
    columns: tuple[URIRef, ...] = ()  # the listing's columns, if declared (else from the data)
    facets: tuple[Facet, ...] = ()  # what the listing counts and filters by

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.segment.replace("-", " ").capitalize()


@dataclass(frozen=True, eq=False)  # one registry per graph root: compared by identity
class Registry:
    """Every kind of the model, by class, and every path, by segment."""

    kinds: dict[URIRef, ModelKind]
    paths: dict[str, PathKind]

    def path_kind(self, segment: str) -> PathKind:
        """The path's facts, or a bare one for a path the ontology does not name."""
        return self.paths.get(segment) or PathKind(segment, {}, None, None)

    @property
    def partnerships(self) -> list[ModelKind]:
        return [k for k in self.kinds.values() if k.is_partnership]

    @property
    def agreements(self) -> list[ModelKind]:
        """Kinds of agreement and of action plan: the documents of a partnership."""
        return [k for k in self.kinds.values() if k.is_agreement or k.is_plan]

    @property
    def compared(self) -> list[ModelKind]:
        """The classes whose resources (and their subclasses') are rows of the comparison,
        agreements first, then plans, then partnerships compared by themselves."""
        declared = [k for k in self.kinds.values() if k.compared_as]
        return sorted(declared, key=lambda k: (_group(k), str(k.iri)))

    @property
    def organisations(self) -> list[ModelKind]:
        """The kinds of organisation (a partner's kind), universities first."""
        found = [k for k in self.kinds.values() if k.is_organisation]
        return sorted(found, key=lambda k: (not k.is_university, str(k.iri)))

    def subclasses(self, classes: Iterable[URIRef]) -> frozenset[URIRef]:
        """``classes`` and every class of the model below one of them."""
        wanted = set(classes)
        below = {k.iri for k in self.kinds.values() if k.ancestors & wanted}
        return frozenset(wanted | below)

    def classes_at(self, segment: str) -> frozenset[URIRef]:
        """The classes whose resources are minted under the path ``segment``."""
        return frozenset(k.iri for k in self.kinds.values() if k.path == segment)

    def sheet_types(self, sheet: str) -> dict[str, URIRef]:
        """The words of a template sheet's Typ column → classes, the default first."""
        kinds = [k for k in self.kinds.values() if k.sheet == sheet and k.sheet_type]
        kinds.sort(key=lambda k: (not k.sheet_default, k.sheet_type or ""))
        return {k.sheet_type: k.iri for k in kinds if k.sheet_type}


def _group(kind: ModelKind) -> int:
    return 0 if kind.is_agreement else 1 if kind.is_plan else 2


def values_block(variable: str, kinds: Iterable[ModelKind]) -> str:
    """``VALUES ?variable { skg:A … }``: the kinds a query asks for, from the registry (our
    terms as ``skg:`` names, which the query declares; others as full IRIs)."""
    names = [_sparql_name(kind.iri) for kind in kinds]
    return f"VALUES ?{variable} {{ {' '.join(names)} }}"


def _sparql_name(iri: URIRef) -> str:
    short = compact_iri(str(iri), strict=True)
    return short if short.startswith("skg:") else iri.n3()


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    values = sorted(str(v) for v in graph.objects(subject, predicate) if isinstance(v, Literal))
    return values[0] if values else None


def _by_language(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in sorted(graph.objects(subject, predicate), key=str):
        if isinstance(value, Literal) and value.language and value.language not in found:
            found[value.language] = str(value)
    return found


def _ancestors(graph: Graph, cls: URIRef) -> frozenset[URIRef]:
    found: set[URIRef] = set()
    todo: list[Node] = [cls]
    while todo:
        current = todo.pop()
        if isinstance(current, URIRef) and current not in found:
            found.add(current)
            todo.extend(graph.objects(current, RDFS.subClassOf))
    return frozenset(found)


def _list(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Node]:
    """The members of the RDF list ``subject predicate ( … )`` (empty if none)."""
    head = graph.value(subject, predicate)
    return list(Collection(graph, head)) if head is not None else []


def _facets(graph: Graph, cls: URIRef, where: Path) -> tuple[Facet, ...]:
    facets = []
    for node in _list(graph, cls, SKG.listingFacets):
        key = graph.value(node, SKG.facetKey)
        path = [p for p in _list(graph, node, SKG.facetPath) if isinstance(p, URIRef)]  # type: ignore[arg-type]
        if key is None or not path or str(key) in LISTING_PARAMETERS:
            raise FileError(
                where,
                None,
                f"a facet of {cls} needs a skg:facetKey (not one of "
                f"{', '.join(sorted(LISTING_PARAMETERS))}) and a skg:facetPath of properties",
            )
        classes = frozenset(c for c in graph.objects(node, SKG.facetClass) if isinstance(c, URIRef))
        facets.append(Facet(str(key), tuple(path), classes))
    return tuple(facets)


def registry_of(graph: Graph, where: Path = Path("ontology")) -> Registry:
    """The registry a graph of ontology triples declares; a path said two ways is an error."""
    classes = {s for s in graph.subjects(RDFS.subClassOf) if isinstance(s, URIRef)}
    classes |= {s for s in graph.subjects(SKG.pathSegment) if isinstance(s, URIRef)}
    classes |= {s for s in graph.subjects(SKG.comparedAs) if isinstance(s, URIRef)}
    kinds: dict[URIRef, ModelKind] = {}
    path_facts: dict[str, list[tuple[URIRef, PathKind]]] = defaultdict(list)
    for cls in sorted(classes):
        path = _text(graph, cls, SKG.pathSegment)
        kinds[cls] = ModelKind(
            iri=cls,
            labels=_by_language(graph, cls, RDFS.label),
            path=path,
            ancestors=_ancestors(graph, cls),
            sheet=_text(graph, cls, SKG.templateSheet),
            sheet_type=_text(graph, cls, SKG.templateType),
            sheet_default=_text(graph, cls, SKG.templateDefault) in ("true", "1"),
            compared_as=_text(graph, cls, SKG.comparedAs),
        )
        order = _text(graph, cls, SKG.listingOrder)
        facts = PathKind(
            segment=path or "",
            names=_by_language(graph, cls, SKG.pluralLabel),
            prefix=_text(graph, cls, VANN.preferredNamespacePrefix),
            order=int(order) if order and order.isdigit() else None,
            columns=tuple(
                c for c in _list(graph, cls, SKG.listingColumns) if isinstance(c, URIRef)
            ),
            facets=_facets(graph, cls, where),
        )
        if path and (facts.names or facts.prefix or facts.order is not None or facts.facets):
            path_facts[path].append((cls, facts))
    paths: dict[str, PathKind] = {}
    for segment, said in path_facts.items():
        if len(said) > 1:
            named = ", ".join(str(cls) for cls, _ in said)
            raise FileError(
                where, None, f"the path {segment!r} is named on more than one class ({named})"
            )
        paths[segment] = said[0][1]
    return Registry(kinds, paths)


class SheetTypes(Mapping[str, URIRef]):
    """A template sheet's Typ words → classes, as the current graph root's registry says
    (read when used, so that the template follows the graph it is given)."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet

    def _types(self) -> dict[str, URIRef]:
        return registry().sheet_types(self.sheet)

    def __getitem__(self, word: str) -> URIRef:
        return self._types()[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self._types())

    def __len__(self) -> int:
        return len(self._types())

    def __repr__(self) -> str:
        return f"SheetTypes({self.sheet!r})"


@cache
def _registry_at(root: Path) -> Registry:
    return registry_of(load_graph(rdf_files_in(root / "ontology")), root / "ontology")


def registry(root: Path | None = None) -> Registry:
    """The registry of the graph at ``root`` (the current graph root), read once per root."""
    return _registry_at((root or graph_root()).resolve())
