"""Languages: which the service speaks, which a request wants, and the best label for it.

One rule for every page, table and file: ``?lang=`` first, then Accept-Language, else
Swedish; a label in the chosen language first, then in the other, then untagged, then any.
"""

from collections.abc import Iterable
from typing import Final, Literal, get_args

from rdflib import Literal as RdfLiteral
from rdflib.term import URIRef

from .namespaces import DCTERMS, FOAF, RDFS, SKOS

Lang = Literal["sv", "en"]
#: The languages the service speaks, the default first.
LANGUAGES: Final[tuple[Lang, ...]] = get_args(Lang)
#: Predicates whose values name a resource, in order of preference.
LABEL_PREDICATES: Final = (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title)


def as_lang(value: str | None) -> Lang | None:
    """``value`` as a language the service speaks, or None."""
    wanted = (value or "").lower()
    return next((lang for lang in LANGUAGES if lang == wanted), None)


def choose_language(lang_param: str | None, accept_language: str | None) -> Lang:
    """``?lang=`` first, then the best of sv/en in Accept-Language, else Swedish."""
    chosen = as_lang(lang_param)
    if chosen is not None:
        return chosen
    ranked: list[tuple[float, int, Lang]] = []
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        primary = as_lang(tag.strip().split("-")[0])
        if primary is None:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else LANGUAGES[0]


def language_rank(tag: str | None, lang: str) -> int:
    """0 for ``lang``, 1 for the service's other languages, 2 untagged, 3 any other."""
    primary = (tag or "").lower().split("-")[0]
    if primary == lang:
        return 0
    if primary in LANGUAGES:
        return 1
    return 2 if not primary else 3


def label_rank(label: RdfLiteral, prop: URIRef, lang: str) -> tuple[int, int, str]:
    """How good ``label`` (the value of ``prop``) is in ``lang``: lower is better."""
    order = LABEL_PREDICATES.index(prop) if prop in LABEL_PREDICATES else len(LABEL_PREDICATES)
    return language_rank(label.language, lang), order, str(label)


def best_literal(literals: Iterable[RdfLiteral], lang: str) -> RdfLiteral | None:
    """The literal best in ``lang`` (ties: the smallest text), or None."""
    return min(
        literals, key=lambda lit: (language_rank(lit.language, lang), str(lit)), default=None
    )
