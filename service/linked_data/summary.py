"""A partner's summary for its page: its partnerships, agreements, units and projects.

Asked of the store with the partner's IRI bound (never pasted into the text). Each list is
of (IRI, best label in the reader's language), sorted by label.
"""

from dataclasses import dataclass, field

from rdflib import URIRef

from ..labels import fetch_labels
from ..model import registry, values_block
from ..namespaces import ORG, SKG, sparql_prefixes
from ..store.base import Store

_PREFIXES = sparql_prefixes("org", "skg", "rdf")


def summary_parts() -> dict[str, str]:
    """Each part of the summary: its key and the pattern binding ?x from the partner ?p; the
    kinds of partnership and of agreement are the registry's (``service/model.py``)."""
    model = registry()
    return {
        "partnerships": "?x org:hasMember ?p ; a ?kind . "
        + values_block("kind", model.partnerships),
        "agreements": "?ps org:hasMember ?p . ?x skg:partnership ?ps ; a ?kind . "
        + values_block("kind", model.agreements),
        "units": "?x org:unitOf ?p .",
        # the type tested on each found (as a join, Oxigraph starts from every project)
        "projects": "{ ?x skg:responsibleUnit ?p } UNION "
        "{ ?u org:unitOf ?p . ?x skg:responsibleUnit ?u } FILTER EXISTS { ?x a skg:Project }",
    }


@dataclass
class Summary:
    """What the page shows above a partner's properties; empty lists are left out."""

    parts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.parts.values())


def partner_summary(store: Store, iri: URIRef, lang: str) -> Summary:
    """The partnerships, agreements, units and projects of the organisation ``iri``."""
    found: dict[str, list[URIRef]] = {}
    for key, pattern in summary_parts().items():
        query = f"{_PREFIXES}SELECT DISTINCT ?p ?x WHERE {{ {pattern} }}"  # ?p bound: kept
        rows = store.select(query, {"p": iri}).rows
        found[key] = [x for row in rows if isinstance(x := row.get("x"), URIRef)]
    labels = fetch_labels(store, [x for xs in found.values() for x in xs], lang)
    parts = {}
    for key, xs in found.items():
        named = [(str(x), labels.get(x, str(x))) for x in xs]
        if named:
            parts[key] = sorted(named, key=lambda pair: pair[1].casefold())
    return Summary(parts)


def is_organisation(store: Store, iri: URIRef) -> bool:
    """Whether ``iri`` is a partner or member in the graph (has units, or is a member)."""
    return store.ask(
        f"{_PREFIXES}ASK {{ {{ ?x org:unitOf ?p }} UNION {{ ?x org:hasMember ?p }} }}", {"p": iri}
    )


__all__ = ["ORG", "SKG", "Summary", "is_organisation", "partner_summary", "summary_parts"]
