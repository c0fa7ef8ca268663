"""Human names for IRIs in query results: labels from the graph, else prefixed names."""

import re
from collections.abc import Iterable
from typing import Final

from rdflib.term import Literal, URIRef

from .describe import LABEL_PREDICATES
from .namespaces import PREFIXES
from .store.base import Store

_CHUNK: Final = 200
#: IRIs that can be written as <...> in SPARQL without escaping (anything else is skipped).
_SAFE_IRI: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")
# Longest namespace first, so ``skg:`` wins over ``id:`` for the ontology's terms.
_BY_LENGTH: Final = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)


def short_iri(iri: str) -> str:
    """A prefixed name for ``iri`` with the project's prefixes, else the IRI itself."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _rank(label: Literal, prop: URIRef, lang: str) -> tuple[int, int]:
    tag = (label.language or "").lower()
    if tag.split("-")[0] == lang:
        by_lang = 0
    elif tag in ("sv", "en"):
        by_lang = 1
    elif not tag:
        by_lang = 2
    else:
        by_lang = 3
    return by_lang, LABEL_PREDICATES.index(prop) if prop in LABEL_PREDICATES else 99


def fetch_labels(store: Store, iris: Iterable[URIRef], lang: str) -> dict[URIRef, str]:
    """The best label of each IRI: in ``lang``, else Swedish/English, else untagged, else any.

    Same labels and order as the resource pages (``describe.LABEL_PREDICATES``).
    """
    wanted = sorted({iri for iri in iris if _SAFE_IRI.fullmatch(str(iri))})
    properties = " ".join(f"<{p}>" for p in LABEL_PREDICATES)
    best: dict[URIRef, tuple[tuple[int, int], str]] = {}
    for start in range(0, len(wanted), _CHUNK):
        # The IRIs come from the store's own answers and match _SAFE_IRI, so writing them
        # into VALUES cannot change the query; values from people go through bindings.
        values = " ".join(f"<{iri}>" for iri in wanted[start : start + _CHUNK])
        result = store.select(
            f"SELECT ?s ?p ?label WHERE {{ VALUES ?s {{ {values} }} VALUES ?p {{ {properties} }} "
            "?s ?p ?label FILTER(isLiteral(?label)) }"
        )
        for row in result.rows:
            subject, prop, label = row.get("s"), row.get("p"), row.get("label")
            if not (
                isinstance(subject, URIRef)
                and isinstance(prop, URIRef)
                and isinstance(label, Literal)
            ):
                continue
            rank = _rank(label, prop, lang)
            if subject not in best or (rank, str(label)) < (best[subject][0], best[subject][1]):
                best[subject] = (rank, str(label))
    return {iri: text for iri, (_, text) in best.items()}
