"""How a cell names a resource, and the IRI a name is minted into.

A bare name is under its column's class path ("lk-x" in *Samverkansområde* is
``<base>area/lk-x``); a path under the base ("unit/lk-x"), a prefixed name ("sdg:5") and a
whole IRI are read as written.
"""

import re
import unicodedata

from rdflib import URIRef
from rdflib.term import Node

from ..namespaces import QUERY_PREFIXES, compact_iri

_SLUG_PART = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(text: str) -> str:
    """An IRI's last part from a name, as the curated data writes them: "Hållbar välfärd" →
    "hallbar-valfard" (lower case ASCII, words joined by '-')."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in plain if not unicodedata.combining(c)).encode("ascii", "ignore")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.decode()))


def ref_text(node: Node, base: str, path: str = "") -> str:
    """How a cell names a resource: a bare name under the column's path, a path under the
    base ("unit/lk-x"), a prefixed name ("sdg:5") or the whole IRI."""
    text = str(node)
    if "://" in path and text.startswith(path) and _SLUG_PART.fullmatch(text[len(path) :]):
        return text[len(path) :]
    if text.startswith(base):
        rest = text[len(base) :]
        if path and rest.startswith(path) and _SLUG_PART.fullmatch(rest[len(path) :]):
            return rest[len(path) :]
        if rest and ":" not in rest and " " not in rest and "," not in rest:
            return rest
    compact = compact_iri(text, strict=True)
    return compact if compact != text and not compact.startswith("id:") else text


def parse_ref(text: str, base: str, path: str = "") -> URIRef:
    """The IRI a cell names (see :func:`ref_text`); raises ValueError if it names none."""
    if not text or any(c.isspace() for c in text) or any(c in text for c in '<>"{}|\\^`'):
        raise ValueError(text)
    if "://" in text or text.startswith("urn:"):
        return URIRef(text)
    prefix, colon, local = text.partition(":")
    if colon:
        if prefix in QUERY_PREFIXES and prefix != "id":
            return URIRef(QUERY_PREFIXES[prefix] + local)
        if prefix == "id":
            return URIRef(base + local)
        raise ValueError(text)
    if "/" in text:
        return URIRef(base + text)
    return URIRef((path if "://" in path else base + path) + text)
