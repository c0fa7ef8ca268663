"""The search index: every labelled IRI with its labels, folded for matching, and its types.

Matching ignores case and diacritics (``linkoping`` finds *Linköping*, ``malardalen``
*Mälardalen*): labels and queries are folded the same way (Unicode NFKD, combining marks
dropped, casefolded). The index is built once per store; the store is read-only.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from rdflib import Literal, URIRef

from ..i18n import LABEL_PREDICATES, label_rank
from ..model import registry
from ..namespaces import DCTERMS, SKOS
from ..store.base import Store

#: Names searched: the label predicates plus SKOS alternative labels (an alias).
NAMES: Final = (*LABEL_PREDICATES, SKOS.altLabel)
#: Texts searched after the names: descriptions.
DESCRIPTIONS: Final = (DCTERMS.description,)
SEARCHED: Final = (*NAMES, *DESCRIPTIONS)
_WORD: Final = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` for matching: no diacritics, casefolded, runs of space made one."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


@dataclass(frozen=True)
class Label:
    text: str
    lang: str | None
    predicate: URIRef
    folded: str


@dataclass
class Entry:
    """One resource: its IRI, labels and types."""

    iri: URIRef
    labels: list[Label] = field(default_factory=list)
    types: list[URIRef] = field(default_factory=list)

    def best(self, lang: str) -> Label:
        """The label to show in ``lang`` (see :func:`service.i18n.label_rank`), a name if
        the entry has one, not a description."""
        names = [lb for lb in self.labels if lb.predicate not in DESCRIPTIONS] or self.labels
        return min(names, key=lambda lb: label_rank(Literal(lb.text, lang=lb.lang),
                                                          lb.predicate, lang))  # fmt: skip


@dataclass(frozen=True)
class Hit:
    entry: Entry
    matched: Label
    score: tuple[int, int, int, int, int, str]


def principal_classes() -> frozenset[URIRef]:
    """The kinds a name should find first: partnerships, agreements, plans, organisations."""
    kinds = registry().kinds.values()
    return frozenset(
        k.iri for k in kinds if k.is_partnership or k.is_agreement or k.is_plan or k.is_organisation
    )


def build_index(store: Store) -> list[Entry]:
    """Every IRI with a label, with its labels and types."""
    predicates = ", ".join(p.n3() for p in SEARCHED)
    rows = store.select(
        "SELECT ?s ?p ?l WHERE { ?s ?p ?l "
        f"FILTER(isIRI(?s) && isLiteral(?l) && ?p IN ({predicates})) }}"
    ).rows
    entries: dict[URIRef, Entry] = {}
    for row in rows:
        subject, prop, label = row.get("s"), row.get("p"), row.get("l")
        if isinstance(subject, URIRef) and isinstance(prop, URIRef) and isinstance(label, Literal):
            entry = entries.setdefault(subject, Entry(subject))
            entry.labels.append(Label(str(label), label.language, prop, fold(str(label))))
    types = store.select("SELECT ?s ?t WHERE { ?s a ?t FILTER(isIRI(?s) && isIRI(?t)) }").rows
    for row in types:
        subject, kind = row.get("s"), row.get("t")
        if isinstance(subject, URIRef) and isinstance(kind, URIRef) and subject in entries:
            entries[subject].types.append(kind)
    return list(entries.values())


def _match(label: Label, terms: list[str], phrase: str) -> int | None:
    """How well a label matches (lower is better), or None: every term must occur."""
    if not all(term in label.folded for term in terms):
        return None
    if label.folded == phrase:
        return 0
    if label.folded.startswith(phrase):
        return 1
    words = _WORD.findall(label.folded)
    if all(any(word.startswith(term) for word in words) for term in terms):
        return 2 if phrase in label.folded else 3
    return 4


def search(entries: Iterable[Entry], query: str, lang: str) -> list[Hit]:
    """The entries whose names (or descriptions) hold every word of ``query``, best first.

    Ranked in tiers: a name (label or alias) equal to the query; the name of a partnership,
    agreement, plan or organisation whose words start with the query's words ("Norrköping"
    finds Norrköpings kommun, its partnership and agreements before the rest); other names,
    by how well they match (starting with the query, words starting with its words, the
    words anywhere); descriptions last. Within a tier: those kinds first, then the match,
    a name in the reader's language, shorter names (a name before a sentence that mentions
    it).
    """
    phrase = fold(query)
    terms = phrase.split()
    if not terms:
        return []
    principal = principal_classes()
    hits = []
    for entry in entries:
        first = 0 if principal.intersection(entry.types) else 1
        best: Hit | None = None
        for label in entry.labels:
            quality = _match(label, terms, phrase)
            if quality is None:
                continue
            if label.predicate in DESCRIPTIONS:
                tier = 3
            else:
                tier = 0 if quality == 0 else 1 if first == 0 and quality <= 2 else 2
            in_lang = 0 if (label.lang or "").split("-")[0] == lang else 1
            score = (tier, first, quality, in_lang, len(label.text), label.folded)
            if best is None or score < best.score:
                best = Hit(entry, label, score)
        if best is not None:
            hits.append(best)
    hits.sort(key=lambda hit: (hit.score, str(hit.entry.iri)))
    return hits
