"""An organisation's identifiers from outside the graph, as its page links them.

The data gives them as ``schema:identifier [ a schema:PropertyValue ; schema:propertyID
"ROR"|"organisationsnummer"|"kommunkod"|"länskod" ; schema:value "…" ; dct:source <page> ]``
and as ``skos:exactMatch`` Wikidata and ROR IRIs. Wikidata and ROR values link to their
records; the Swedish numbers have no record page of their own, so they show as values with
the page they were taken from. A curators' note on an identifier (``skos:editorialNote``,
e.g. that a region's länskod is its county's code) is shown with it, as their judgement.
"""

from dataclasses import dataclass, replace
from typing import Final

from rdflib import Literal, URIRef

from ..i18n import best_literal
from ..namespaces import sparql_prefixes
from ..store.base import Store

QUERY: Final = (
    sparql_prefixes("schema", "dct", "skos", "owl")
    + """
SELECT ?r ?scheme ?value ?source ?note ?match WHERE {
  { ?r schema:identifier ?id . ?id schema:propertyID ?scheme ; schema:value ?value .
    OPTIONAL { ?id dct:source ?source }
    OPTIONAL { ?id skos:editorialNote ?note } }
  UNION { ?r skos:exactMatch|owl:sameAs ?match FILTER(isIRI(?match)) }
}"""
)

WIKIDATA: Final = "http://www.wikidata.org/entity/"
ROR: Final = "https://ror.org/"
#: The order identifiers are shown in, and their names.
SCHEMES: Final = ("Wikidata", "ROR", "organisationsnummer", "kommunkod", "länskod")


@dataclass(frozen=True)
class ExternalId:
    """One identifier: its scheme, value, the record it opens (if any) and its source."""

    scheme: str
    value: str
    href: str | None = None
    source: str | None = None
    note: str | None = None  # the curators' note, in the page's language


def _record(scheme: str, value: str) -> str | None:
    """The public record an identifier opens: Wikidata's and ROR's; the others have none."""
    if scheme == "Wikidata":
        return f"https://www.wikidata.org/wiki/{value}"
    if scheme == "ROR":
        return ROR + value.removeprefix(ROR)
    return None


def identifiers(store: Store, iri: URIRef, lang: str) -> list[ExternalId]:
    """The identifiers of ``iri``, Wikidata and ROR first, with notes in ``lang``."""
    found: dict[tuple[str, str], ExternalId] = {}
    notes: dict[tuple[str, str], list[Literal]] = {}
    for row in store.select(QUERY, {"r": iri}).rows:
        match, source, note = row.get("match"), row.get("source"), row.get("note")
        scheme = str(row["scheme"]) if row.get("scheme") is not None else None
        value = str(row["value"]) if row.get("value") is not None else None
        if match is not None:
            text = str(match)
            if text.startswith(WIKIDATA):
                scheme, value = "Wikidata", text.removeprefix(WIKIDATA)
            elif text.startswith(ROR):
                scheme, value = "ROR", text.removeprefix(ROR)
            else:
                continue
        if scheme is None or value is None:
            continue
        key = (scheme, value.removeprefix(ROR))
        known = found.get(key)
        source_text = str(source) if source is not None else None
        if known is None or (known.source is None and source_text):
            found[key] = ExternalId(key[0], key[1], _record(*key), source_text)
        if isinstance(note, Literal):
            notes.setdefault(key, []).append(note)
    for key, said in notes.items():
        chosen = best_literal(said, lang)
        found[key] = replace(found[key], note=str(chosen) if chosen is not None else None)
    order = {name.casefold(): i for i, name in enumerate(SCHEMES)}
    return sorted(
        found.values(), key=lambda i: (order.get(i.scheme.casefold(), len(order)), i.value)
    )
