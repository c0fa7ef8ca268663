"""The IRIs this project mints and the vocabularies it reuses, in one place."""

import re
from typing import Final

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

#: Everything the project mints lives under this base; the service maps its own paths onto it.
BASE = "https://w3id.org/samverkan-kg/"
#: The project's vocabulary (hash namespace: the ontology document dereferences at /ontology).
SKG = Namespace(BASE + "ontology#")
SCHEMA = Namespace("https://schema.org/")
SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
CPOV = Namespace("http://data.europa.eu/m8g/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SH = Namespace("http://www.w3.org/ns/shacl#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
#: W3C Web Annotation (evidence locating a fact's sentence) and SPDX (the span's checksum).
OA = Namespace("http://www.w3.org/ns/oa#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
#: The graph's curators: the agent its claims (data/curated-claims.ttl) are attributed to.
CURATORS = BASE + "curators"

#: Prefixes bound on every graph the service serialises, so Turtle output reads well.
PREFIXES: dict[str, str] = {
    "skg": str(SKG),
    "id": BASE,
    "schema": str(SCHEMA),
    "sdg": str(SDG),
    "cpov": str(CPOV),
    "org": str(ORG),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "prov": str(PROV),
    "foaf": str(FOAF),
    "time": str(TIME),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "void": str(VOID),
    "dcat": str(DCAT),
    "oa": str(OA),
    "spdx": str(SPDX),
}

#: Prefixes SPARQL text may declare: the serialised ones plus the UN's SDG ontology.
QUERY_PREFIXES: dict[str, str] = {**PREFIXES, "sdgo": str(SDGO)}


def sparql_prefixes(*names: str) -> str:
    """The ``PREFIX`` lines declaring ``names`` (from :data:`QUERY_PREFIXES`)."""
    return "".join(f"PREFIX {name}: <{QUERY_PREFIXES[name]}>\n" for name in names)


# Longest namespace first, so ``skg:`` wins over ``id:`` (the base it lies under).
_BY_LENGTH: Final = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)
#: A local name a prefixed name can carry unescaped in Turtle and SPARQL.
_PLAIN_LOCAL: Final = re.compile(r"[A-Za-z0-9_][\w.-]*")


def compact_iri(iri: str, *, strict: bool = False) -> str:
    """``iri`` as a prefixed name with the project's prefixes, else the IRI itself.

    Tables for people write ``id:project/ulf``; ``strict`` keeps only names that are valid
    prefixed names in Turtle and SPARQL (``skg:start``), for text a reader may paste.
    """
    for prefix, namespace in _BY_LENGTH:
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and (not strict or _PLAIN_LOCAL.fullmatch(local)):
            return f"{prefix}:{local}"
    return iri


__all__ = [
    "ADMS",
    "BASE",
    "CPOV",
    "CURATORS",
    "DCAT",
    "DCTERMS",
    "FOAF",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SD",
    "SDG",
    "SDGO",
    "SH",
    "SKG",
    "SKOS",
    "SPDX",
    "TIME",
    "VOID",
    "XSD",
    "compact_iri",
    "sparql_prefixes",
]
