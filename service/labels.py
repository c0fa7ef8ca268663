"""Labels of many IRIs at once, read from a store (result tables, the comparison)."""

import re
from collections.abc import Iterable
from typing import Final

from rdflib.term import Literal, URIRef

from .i18n import LABEL_PREDICATES, label_rank
from .store.base import Store

_CHUNK: Final = 200
#: IRIs that can be written as <...> in SPARQL without escaping (anything else is skipped).
_SAFE_IRI: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")


def fetch_labels(store: Store, iris: Iterable[URIRef], lang: str) -> dict[URIRef, str]:
    """The best label of each IRI in ``lang`` (see :func:`service.i18n.label_rank`)."""
    wanted = sorted({iri for iri in iris if _SAFE_IRI.fullmatch(str(iri))})
    properties = ", ".join(f"<{p}>" for p in LABEL_PREDICATES)
    best: dict[URIRef, tuple[int, int, str]] = {}
    for start in range(0, len(wanted), _CHUNK):
        # The IRIs come from the store's own answers and match _SAFE_IRI, so writing them
        # into VALUES cannot change the query; values from people go through bindings.
        values = " ".join(f"<{iri}>" for iri in wanted[start : start + _CHUNK])
        result = store.select(
            # FILTER, not a second VALUES: Oxigraph joins two VALUES blocks before the
            # triple pattern, which made this query ten times slower.
            f"SELECT ?s ?p ?label WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?label "
            f"FILTER(?p IN ({properties}) && isLiteral(?label)) }}"
        )
        for row in result.rows:
            subject, prop, label = row.get("s"), row.get("p"), row.get("label")
            if (
                isinstance(subject, URIRef)
                and isinstance(prop, URIRef)
                and isinstance(label, Literal)
            ):
                rank = label_rank(label, prop, lang)
                if subject not in best or rank < best[subject]:
                    best[subject] = rank
    return {iri: rank[2] for iri, rank in best.items()}
