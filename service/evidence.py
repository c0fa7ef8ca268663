"""Where a fact is stated: the source documents (title, public address) and the evidence
that locates a resource's facts in them (W3C Web Annotation, ``oa:TextPositionSelector``).

An evidence node ``oa:hasBody`` the described resource, names the properties it states
(``skg:evidenceFor`` and its sub-properties ``skg:verbatimFor``/``skg:summaryFor``; none: the
resource as a whole) and points at a span of a source (``oa:start``/``oa:end``, code points
into the NFC text). Pages show it beside each group of facts, the comparison cites its
sources by title and address; both read it here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from rdflib import Literal, URIRef

from .i18n import best_literal
from .namespaces import sparql_prefixes
from .store.base import Store
from .words import say

#: Every source document with its title, public address, file name and editorial note.
SOURCES_QUERY: Final = (
    sparql_prefixes("skg", "dct", "rdfs", "schema", "skos")
    + """
SELECT ?source ?title ?address ?identifier ?note WHERE {
  ?source a skg:SourceDocument .
  OPTIONAL { ?source dct:title|rdfs:label ?title }
  OPTIONAL { ?source schema:url ?address }
  OPTIONAL { ?source dct:identifier ?identifier }
  OPTIONAL { ?source skos:editorialNote ?note }
}"""
)

#: The evidence for one resource (``?body`` bound) or for every resource.
EVIDENCE_QUERY: Final = (
    sparql_prefixes("skg", "oa")
    + """
SELECT ?evidence ?body ?property ?source ?start ?end WHERE {
  ?evidence a oa:Annotation ; oa:hasBody ?body ; oa:hasTarget ?target .
  ?target oa:hasSource ?source ; oa:hasSelector ?selector .
  ?selector oa:start ?start ; oa:end ?end .
  OPTIONAL { VALUES ?states { skg:evidenceFor skg:verbatimFor skg:summaryFor }
             ?evidence ?states ?property }
}"""
)


@dataclass(frozen=True)
class Source:
    """A source document: its title, public address (None if none was found) and file."""

    iri: str
    title: str
    address: str | None = None
    identifier: str | None = None
    note: str | None = None  # why there is no address, if there is none

    def cite(self) -> str:
        """ "title <address>" (or "title (file name)" when it has no public address)."""
        if self.address:
            return f"{self.title} <{self.address}>"
        return f"{self.title} ({self.identifier})" if self.identifier else self.title


@dataclass(frozen=True)
class Evidence:
    """One located span stating facts of a resource."""

    iri: str
    body: str
    source: Source
    start: int
    end: int
    properties: frozenset[str]

    def position(self, lang: str) -> str:
        return say(lang, "evidence.position", start=self.start, end=self.end)


def sources(store: Store, lang: str) -> dict[str, Source]:
    """Every source document by IRI, its title in ``lang``."""
    found: dict[str, dict[str, list[Literal]]] = {}
    for row in store.select(SOURCES_QUERY).rows:
        iri = row.get("source")
        if not isinstance(iri, URIRef):
            continue
        values = found.setdefault(str(iri), {"title": [], "address": [], "identifier": [],
                                             "note": []})  # fmt: skip
        for name in values:
            term = row.get(name)
            if term is not None and term not in values[name]:
                values[name].append(term if isinstance(term, Literal) else Literal(str(term)))
    result: dict[str, Source] = {}
    for key, values in found.items():
        title, note = best_literal(values["title"], lang), best_literal(values["note"], lang)
        result[key] = Source(
            iri=key,
            title=str(title) if title is not None else key,
            address=min(map(str, values["address"]), default=None),
            identifier=min(map(str, values["identifier"]), default=None),
            note=str(note) if note is not None else None,
        )
    return result


def evidence(store: Store, lang: str, body: URIRef | None = None) -> list[Evidence]:
    """The evidence for ``body`` (or for every resource), in source and position order."""
    known = sources(store, lang)
    rows = store.select(EVIDENCE_QUERY, {"body": body} if body is not None else None).rows
    spans: dict[str, tuple[str, str, int, int]] = {}
    properties: dict[str, set[str]] = {}
    for row in rows:
        iri, of, source = row.get("evidence"), row.get("body"), row.get("source")
        start, end = row.get("start"), row.get("end")
        if of is None or source is None or not _is_int(start) or not _is_int(end):
            continue
        key = str(iri)
        spans[key] = (str(of), str(source), int(str(start)), int(str(end)))
        prop = row.get("property")
        properties.setdefault(key, set()).update([str(prop)] if prop is not None else [])
    found = [
        Evidence(
            iri=key,
            body=of,
            source=known.get(source, Source(source, source)),
            start=start,
            end=end,
            properties=frozenset(properties.get(key, ())),
        )
        for key, (of, source, start, end) in spans.items()
    ]
    return sorted(found, key=lambda e: (e.source.title, e.start, e.end, e.iri))


def covering(found: Iterable[Evidence], properties: Iterable[str]) -> list[Evidence]:
    """The evidence that states any of ``properties``."""
    wanted = set(properties)
    return [e for e in found if e.properties & wanted]


def _is_int(term: object) -> bool:
    return term is not None and str(term).strip().isdigit()
