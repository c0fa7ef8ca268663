"""The SPARQL of a listing: which resources it holds, how many, one page of them in order,
and the counts of each facet's values — so that a page never reads more than its rows.

A :class:`Selection` is what the address asks for (the kind's members, a name filter, the
facet values chosen, the sort); its queries are built here and run by the caller. Whatever
a reader typed reaches the query only as an RDF term written by rdflib (``Literal(…).n3()``,
escaped; an IRI only if it has no character that needs escaping), as the remote store's
bindings do (``store/remote.with_values``): the engine cannot bind variables that a
``COUNT`` does not project.
"""

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Final

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ..i18n import LABEL_PREDICATES
from ..model import Facet, registry
from ..namespaces import RDF, RDFS, SKG, SKOS
from ..search.index import fold

#: What a name filter looks in: the labels and the alternative names.
_NAMES: Final = "|".join(p.n3() for p in (*LABEL_PREDICATES, SKOS.altLabel))
_LABELS: Final = "|".join(p.n3() for p in LABEL_PREDICATES)


def label_path(used: set[URIRef], aliases: bool = False) -> str:
    """The label properties a kind's members use, as a path (all of them if none is used);
    with ``aliases``, their alternative names too (what a name filter looks in)."""
    wanted = (*LABEL_PREDICATES, SKOS.altLabel) if aliases else LABEL_PREDICATES
    return "|".join(p.n3() for p in wanted if p in used) or (_NAMES if aliases else _LABELS)


#: Most resources a name filter's matches are listed by (as VALUES) rather than searched
#: again in each of a page's queries.
LISTED_MATCHES: Final = 2000


#: IRIs written as <…> without escaping (as labels.py's); others are compared as text.
_SAFE_IRI: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")
#: Most values a facet lists (the most frequent first).
FACET_VALUES: Final = 30


@cache
def _folds_to() -> dict[str, str]:
    """Each folded letter → a regex class of the Latin letters that fold to it (o → [oöó…])."""
    groups: dict[str, set[str]] = {}
    for code in range(0x20, 0x250):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isalpha():
            groups.setdefault(folded, set()).add(char.lower())
    return {k: "[" + "".join(sorted(v)) + "]" for k, v in groups.items() if len(v) > 1}


#: Characters a regex (XPath's, as SPARQL's REGEX reads it) must escape.
_SPECIAL: Final = frozenset(".^$*+?()[]{}|\\-")


def name_pattern(term: str) -> str:
    """A case-insensitive regex for ``term`` (folded) that also finds its accented spellings:
    ``linkoping`` finds *Linköping*, as the search does."""
    classes = _folds_to()
    return "".join(
        classes.get(char, "\\" + char if char in _SPECIAL else char) for char in fold(term)
    )


def members(base_iri: str, slug: str, typed: bool) -> str:
    """A pattern binding ``?s`` to the resources minted under ``<base>slug/``: by their
    classes (the registry's, read through the type index) when ``typed`` — the caller has
    checked that those classes' members are exactly the path's resources — else by a scan
    of every subject (a kind the model does not know, or members without those classes)."""
    classes = sorted(registry().classes_at(slug))
    if typed and len(classes) == 1:  # no group: the engine may join it in any order
        return f"?s {RDF.type.n3()} {classes[0].n3()} ."
    if typed and classes:
        return " UNION ".join(f"{{ ?s {RDF.type.n3()} {c.n3()} }}" for c in classes) + " ."
    prefix = Literal(f"{base_iri}{slug}/").n3()
    return (
        "{ SELECT DISTINCT ?s WHERE { ?s ?anyP ?anyO "
        f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {prefix})) }} }}"
    )


def typed_counts(base_iri: str, slug: str) -> str | None:
    """A query counting the members of the path's classes (``?all``) and those of them minted
    under the path (``?here``); None if the model names no class for the path. When both
    equal the path's count, the classes are exactly its resources."""
    if not registry().classes_at(slug):
        return None
    prefix = Literal(f"{base_iri}{slug}/").n3()
    return (
        "SELECT (COUNT(DISTINCT ?s) AS ?all) "
        f"(COUNT(DISTINCT IF(STRSTARTS(STR(?s), {prefix}), ?s, ?none)) AS ?here) "
        f"WHERE {{ {members(base_iri, slug, True)} }}"
    )


def facet_path(facet: Facet) -> str:
    return "/".join(p.n3() for p in facet.path)


def facet_value(text: str, base_iri: str) -> Identifier:
    """A facet value from the address: an IRI (in full, or our own as ``partner/liu``), else
    a literal compared by its text (a year)."""
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", text):
        return URIRef(text)
    segment, slash, rest = text.partition("/")
    if slash and rest and segment in registry().paths and not re.search(r"[\s<>\"{}|\\^`]", text):
        return URIRef(base_iri + text)
    return Literal(text)


def address_value(value: Identifier, base_iri: str) -> str:
    """How a facet value is written in the address (the inverse of :func:`facet_value`)."""
    text = str(value)
    if isinstance(value, URIRef) and text.startswith(base_iri):
        return text[len(base_iri) :]
    return text


@dataclass(frozen=True)
class Selection:
    """The resources a listing's address asks for, and their order."""

    members: str  # a pattern binding ?s (see :func:`members`)
    lang: str
    q: str = ""
    chosen: tuple[tuple[Facet, Identifier], ...] = ()
    sort: URIRef | None = None  # a property (rdf:type for the kinds), or None: by name
    descending: bool = False
    labels: str = _LABELS  # the label properties the kind's members use (a path)
    names: str = _NAMES  # the same with their alternative names (the name filter's)

    def where(self) -> str:
        """The graph pattern of the selected resources: the facet values chosen first (the
        most selective patterns), then the kind's members and the name filter."""
        chosen, compared = [], []  # a constant IRI is looked up; a text is compared
        for i, (facet, value) in enumerate(self.chosen):
            if isinstance(value, URIRef) and _SAFE_IRI.fullmatch(value):
                chosen.append(f"?s {facet_path(facet)} {value.n3()} .")
            else:
                text = Literal(str(value)).n3()
                compared.append(
                    f"?s {facet_path(facet)} ?chosen{i} FILTER(STR(?chosen{i}) = {text})"
                )
        chosen += compared
        parts = [self.members]
        terms = fold(self.q).split()
        if terms:  # a join in a subquery: far cheaper than FILTER EXISTS per resource
            names = " ".join(
                f"?s {self.names} ?nameText{i} "
                f'FILTER(REGEX(STR(?nameText{i}), {Literal(name_pattern(term)).n3()}, "i"))'
                for i, term in enumerate(terms)
            )
            parts = [f"{{ SELECT DISTINCT ?s WHERE {{ {self.members} {names} }} }}"]
        return " ".join([*chosen, *parts])

    def matches(self) -> str:
        """The resources the name filter keeps (before the facets)."""
        return Selection(self.members, self.lang, self.q, names=self.names).where()

    def listed(self, iris: list[URIRef]) -> "Selection":
        """The same selection with the name filter's matches given as a list."""
        values = " ".join(i.n3() for i in iris if _SAFE_IRI.fullmatch(i))
        return replace(self, members=f"VALUES ?s {{ {values} }}", q="")

    def count(self) -> str:
        return f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {self.where()} }}"

    def ordered(self, limit: int | None = None, offset: int = 0) -> str:
        """The selected IRIs in order: a page of them (``limit``), or all."""
        where = self.where()
        lang = Literal(self.lang).n3()
        # One label per resource: the reader's language first ("0…"), then any ("1…").
        name = f"OPTIONAL {{ ?s {self.labels} ?name }}"
        ranked = f'CONCAT(IF(LANGMATCHES(LANG(?name), {lang}), "0", "1"), LCASE(STR(?name)))'
        keys = f'(COALESCE(MIN({ranked}), CONCAT("2", STR(?s))) AS ?nameKey)'
        order = ["?nameKey", "?s"]
        if self.sort is not None:
            where += (
                f" OPTIONAL {{ ?s {self.sort.n3()} ?v "
                f"OPTIONAL {{ ?v {SKG.earliest.n3()} ?vEarliest }} "
                f"OPTIONAL {{ ?v {RDFS.label.n3()} ?vLabel "
                f"FILTER(LANGMATCHES(LANG(?vLabel), {lang})) }} }}"
            )
            value = (
                "IF(isNumeric(?v), ?v, COALESCE(STR(?vEarliest), LCASE(STR(?vLabel)), "
                "LCASE(STR(?v))))"
            )
            keys += f" (MIN({value}) AS ?key) (IF(BOUND(?key), 0, 1) AS ?missing)"
            order = ["?missing", "?key", *order]
        way = "DESC" if self.descending else "ASC"
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        return (
            f"SELECT ?s {keys} WHERE {{ {where} {name} }} GROUP BY ?s "
            f"ORDER BY {' '.join(f'{way}({k})' for k in order)}{page}"
        )

    def facet_counts(self, facet: Facet) -> str:
        """Each value of ``facet`` among the selected resources with how many have it."""
        where = self.where()
        counted = (
            f"{{ SELECT ?value (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {where} "
            f"?s {facet_path(facet)} ?value . }} GROUP BY ?value }}"
        )
        typed = ""
        if facet.classes:  # tested on the few values counted, not on every resource
            classes = " ".join(c.n3() for c in sorted(registry().subclasses(facet.classes)))
            typed = (
                f"FILTER EXISTS {{ VALUES ?valueClass {{ {classes} }} "
                f"?value {RDF.type.n3()} ?valueClass }}"
            )
        return (
            f"SELECT ?value ?n WHERE {{ {counted} {typed} }} "
            f"ORDER BY DESC(?n) ?value LIMIT {FACET_VALUES + 1}"
        )
