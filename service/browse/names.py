"""The names of a kind's members, read from the store once: a listing ordered by name and
its name filter (``?q=``) are then worked out here, not by the engine for every page.

At 1e6 triples sorting every project by its label (``ORDER BY`` over a join with the labels)
or matching a regex against every name took the engine one to several seconds per page;
read once, the names of 35,000 projects are a few megabytes and a page is a sort or a scan
of strings in memory. The order is the one :meth:`Selection.ordered` asks the engine for
(a label in the reader's language first, then any, then the IRI); the filter keeps what has,
for each word of ``q``, a name or alternative name holding it, folded as the search folds
(``linkoping`` finds *Linköping*).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from ..namespaces import SKOS
from ..search.index import fold
from ..store.base import Store


def _lang_matches(tag: str | None, lang: str) -> bool:
    """SPARQL's ``LANGMATCHES(LANG(?name), lang)``."""
    tag = (tag or "").lower()
    return bool(tag) and (tag == lang.lower() or tag.startswith(lang.lower() + "-"))


@dataclass
class Names:
    """Every member of a kind, with its labels (text, language) and its folded names."""

    labels: dict[str, list[tuple[str, str | None]]]
    folded: dict[str, tuple[str, ...]]
    _orders: dict[str, list[str]] = field(default_factory=dict)  # by name, per language

    def key(self, iri: str, lang: str) -> str:
        """The sort key :meth:`Selection.ordered` computes in SPARQL (``?nameKey``)."""
        found = [
            ("0" if _lang_matches(tag, lang) else "1") + text.lower()
            for text, tag in self.labels.get(iri, [])
        ]
        return min(found) if found else "2" + iri

    def ordered(self, lang: str, descending: bool, among: Iterable[str] | None = None) -> list[str]:
        """The members (or those ``among`` them) by name, then IRI."""
        if lang not in self._orders:
            self._orders[lang] = sorted(self.labels, key=lambda iri: (self.key(iri, lang), iri))
        every = self._orders[lang]
        if among is not None:
            wanted = set(among)
            every = [iri for iri in every if iri in wanted]
        return every[::-1] if descending else list(every)

    def matching(self, q: str) -> set[str]:
        """The members with, for each word of ``q``, a name holding it."""
        words = fold(q).split()
        return {
            iri
            for iri, names in self.folded.items()
            if all(any(word in name for name in names) for word in words)
        }


def read_names(store: Store, members: str, labels: str, aliases: bool) -> Names:
    """The names of the members ``members`` binds to ``?s``: their labels (the path
    ``labels``) and, with ``aliases``, their alternative names (``skos:altLabel``)."""
    found: dict[str, list[tuple[str, str | None]]] = {}
    folded: dict[str, list[str]] = {}
    rows = store.select(f"SELECT ?s ?name WHERE {{ {members} OPTIONAL {{ ?s {labels} ?name }} }}")
    for row in rows.rows:
        s, name = row.get("s"), row.get("name")
        if not isinstance(s, URIRef):
            continue
        iri = str(s)
        texts = found.setdefault(iri, [])
        names = folded.setdefault(iri, [])
        if isinstance(name, Literal):
            texts.append((str(name), name.language))
            names.append(fold(str(name)))
    if aliases:
        query = f"SELECT ?s ?name WHERE {{ {members} ?s {SKOS.altLabel.n3()} ?name }}"
        for row in store.select(query).rows:
            s, name = row.get("s"), row.get("name")
            if isinstance(s, URIRef) and str(s) in folded and isinstance(name, Literal):
                folded[str(s)].append(fold(str(name)))
    return Names(found, {iri: tuple(dict.fromkeys(names)) for iri, names in folded.items()})
