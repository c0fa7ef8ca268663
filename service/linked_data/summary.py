"""A partner's summary for its page: its partnerships, agreements, units and projects.

Each part is a page of (IRI, best label in the reader's language), sorted by label, with its
count, asked with the listings' queries (:class:`service.browse.query.Selection`).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import URIRef

from ..browse.query import Selection
from ..labels import SAFE_IRI, fetch_labels
from ..model import registry, values_block
from ..namespaces import ORG, SKG, sparql_prefixes
from ..paging import BadPage, Paging
from ..store.base import Store

_PREFIXES = sparql_prefixes("org", "skg", "rdf")


def summary_parts() -> dict[str, str]:
    """Each part of the summary: its key and the pattern binding ?s from the partner ?p; the
    kinds of partnership and of agreement are the registry's (``service/model.py``)."""
    model = registry()
    return {
        "partnerships": "?s org:hasMember ?p ; a ?kind . "
        + values_block("kind", model.partnerships),
        "agreements": "?ps org:hasMember ?p . ?s skg:partnership ?ps ; a ?kind . "
        + values_block("kind", model.agreements),
        "units": "?s org:unitOf ?p .",
        # the type tested on each found (as a join, Oxigraph starts from every project)
        "projects": "{ ?s skg:responsibleUnit ?p } UNION "
        "{ ?u org:unitOf ?p . ?s skg:responsibleUnit ?u } FILTER EXISTS { ?s a skg:Project }",
    }


@dataclass
class Part:
    """One part of the summary: a page of its members (IRI, label) and which page."""

    items: list[tuple[str, str]]
    paging: Paging


@dataclass
class Summary:
    """What the page shows above a partner's properties; empty parts are left out."""

    parts: dict[str, Part] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(part.items for part in self.parts.values())


def partner_summary(
    store: Store, iri: URIRef, lang: str, params: Mapping[str, str] | None = None
) -> Summary:
    """The partnerships, agreements, units and projects of the organisation ``iri``, each a
    page of 50 by label: ``?part=projects&page=2`` (``&per_page=``, at most 500) pages one
    part (raises :class:`BadPage` for a page that cannot be). Only a page's rows are read."""
    params = params or {}
    chosen = params.get("part")
    if chosen is not None and chosen not in summary_parts():
        raise BadPage(f"part={chosen[:40]}: use one of {', '.join(summary_parts())}")
    if not SAFE_IRI.fullmatch(str(iri)):
        return Summary()
    parts = {}
    for key, pattern in summary_parts().items():
        # The IRI is the page's subject, checked as labels.py checks the IRIs it writes.
        members = f"VALUES ?p {{ {iri.n3()} }} {pattern}"
        selection = Selection(members=members, lang=lang)
        count = int(store.select(_PREFIXES + selection.count()).rows[0]["n"])
        paging = Paging.asked(params if key == chosen else {}, count)
        if not count:
            continue
        rows = store.select(_PREFIXES + selection.ordered(paging.per_page, paging.offset)).rows
        xs = [x for row in rows if isinstance(x := row.get("s"), URIRef)]
        labels = fetch_labels(store, xs, lang)
        parts[key] = Part([(str(x), labels.get(x, str(x))) for x in xs], paging)
    return Summary(parts)


def is_organisation(store: Store, iri: URIRef) -> bool:
    """Whether ``iri`` is a partner or member in the graph (has units, or is a member)."""
    return store.ask(
        f"{_PREFIXES}ASK {{ {{ ?x org:unitOf ?p }} UNION {{ ?x org:hasMember ?p }} }}", {"p": iri}
    )


__all__ = ["ORG", "SKG", "Summary", "is_organisation", "partner_summary", "summary_parts"]
