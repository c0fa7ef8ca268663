"""Names of the reused vocabulary terms the graph does not label, from the words catalogue.

The project's own terms (``skg:``) are labelled in the ontology and named from there; the
W3C, Dublin Core, schema.org and UN terms it reuses are not loaded, so pages would show
``dct:type`` or ``org:OrganizationalUnit``. The names pages, search and browse show instead
are the ``[terms]`` table of ``service/words/<lang>.toml``, keyed by the prefixed name;
``[inverse]`` names a property read backwards, for incoming links ("responsible for: …" on a
unit that a project names as ``skg:responsibleUnit``).
"""

from rdflib import URIRef

from ..namespaces import compact_iri
from ..words import find


def term_name(iri: URIRef | str, lang: str) -> str | None:
    """The name of a reused term in ``lang``, or None if it has none here."""
    return find(lang, "terms", compact_iri(str(iri)))


def inverse_name(iri: URIRef | str, lang: str) -> str | None:
    """The name of a property read backwards in ``lang``, or None."""
    return find(lang, "inverse", compact_iri(str(iri)))
