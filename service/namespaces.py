"""The IRIs this project mints and the vocabularies it reuses, in one place."""

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
}

__all__ = [
    "BASE",
    "CPOV",
    "DCAT",
    "DCTERMS",
    "FOAF",
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
    "TIME",
    "VOID",
    "XSD",
]
