"""The curators' claims: which triples of the graph are the curators' judgement.

A claim is a reified ``rdf:Statement`` attributed (``prov:wasAttributedTo``) to the curators
(``data/curated-claims.ttl``); the claimed triple itself stays in the graph. A triple is the
curators' judgement when a claim matches its subject, predicate and object. Every surface
(pages, listings, the comparison, the SDG matrix, search, saved questions) asks
:meth:`Claims.of` — one rule — and marks what it shows with the words of ``[claims]``
(service/words); ``?stated=only`` (``--stated-only`` on the command line) leaves the claims
out.
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Final

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from .i18n import best_literal
from .namespaces import sparql_prefixes
from .store.base import Store
from .words import say

Triple = tuple[Node, Node, Node]

#: Every claim with its kind and its notes (a claim may be a blank node).
CLAIMS_QUERY: Final = (
    sparql_prefixes("rdf", "prov", "skos")
    + """
SELECT ?claim ?s ?p ?o ?kind ?note WHERE {
  ?claim rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasAttributedTo ?by .
  OPTIONAL { ?claim a ?kind FILTER(?kind != rdf:Statement) }
  OPTIONAL { ?claim skos:note ?note }
}"""
)

#: The query-string parameter and value that ask for stated facts only.
STATED_PARAM: Final = "stated"
STATED_ONLY: Final = "only"


@dataclass(frozen=True)
class Claim:
    """One claimed triple, the kind of claim and its notes (one per language)."""

    triple: Triple
    kind: URIRef | None = None
    notes: tuple[Literal, ...] = ()

    def note(self, lang: str) -> str:
        """The note in ``lang`` (else the best other), or the generic wording."""
        best = best_literal(list(self.notes), lang)
        return str(best) if best is not None else say(lang, "claims.judgement_note")


@dataclass(frozen=True)
class Claims:
    """The claims of one store, looked up by triple."""

    by_triple: Mapping[Triple, Claim] = field(default_factory=dict)

    def of(self, s: Node, p: Node, o: Node) -> Claim | None:
        """The claim that ``s p o`` is the curators' judgement, or None if it is stated."""
        return self.by_triple.get((s, p, o))

    def is_claim(self, s: Node, p: Node, o: Node) -> bool:
        return (s, p, o) in self.by_triple

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.by_triple.values())

    def __len__(self) -> int:
        return len(self.by_triple)

    def stated_only(self, graph: Graph) -> Graph:
        """``graph`` without the claimed triples (a new graph)."""
        kept = Graph()
        for prefix, namespace in graph.namespaces():
            kept.bind(prefix, namespace, override=True)
        for triple in graph:
            if triple not in self.by_triple:
                kept.add(triple)
        return kept


def claims(store: Store) -> Claims:
    """Every claim in ``store`` (a few dozen: one small query)."""
    found: dict[Triple, tuple[URIRef | None, list[Literal]]] = {}
    for row in store.select(CLAIMS_QUERY).rows:
        s, p, o = row.get("s"), row.get("p"), row.get("o")
        if s is None or p is None or o is None:
            continue
        kind, notes = found.setdefault((s, p, o), (None, []))
        new_kind = row.get("kind")
        if kind is None and isinstance(new_kind, URIRef):
            found[(s, p, o)] = (new_kind, notes)
        note = row.get("note")
        if isinstance(note, Literal) and note not in notes:
            notes.append(note)
    return Claims({t: Claim(t, kind, tuple(notes)) for t, (kind, notes) in found.items()})


def stated_only(params: Mapping[str, str]) -> bool:
    """Whether a request's query string asks for stated facts only (``?stated=only``)."""
    return (params.get(STATED_PARAM) or "").lower() == STATED_ONLY


def claimed_in(
    claims: Claims, values: Iterable[Identifier], predicates: Iterable[Identifier]
) -> list[Claim]:
    """The claims whose subject and object are both among ``values`` and whose predicate is
    among ``predicates`` or ``values``: what a row of an answer shows of the claims."""
    present = set(values)
    allowed = present | set(predicates)
    return [c for c in claims if c.triple[0] in present and c.triple[2] in present
            and c.triple[1] in allowed]  # fmt: skip
