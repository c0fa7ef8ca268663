"""Every property the ontology mints is tied to an established vocabulary, or says why not.

Generic ORG / DCTERMS / PROV-O / schema.org / OWL-Time consumers see the graph through these
alignments: ``rdfs:subPropertyOf`` where the minted property is a specialisation (same
domain and range kinds), ``owl:equivalentProperty`` where it is the same, and
``skos:closeMatch`` where the meaning is close but the ranges differ (e.g. a precision-keeping
OWL-Time description where the standard term takes a literal date).
"""

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from service.loading import load_graph
from service.namespaces import SKG
from service.paths import ontology_files

ALIGNMENTS = (RDFS.subPropertyOf, OWL.equivalentProperty, SKOS.closeMatch)
ESTABLISHED = (
    "http://www.w3.org/ns/org#",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/ns/prov#",
    "https://schema.org/",
    "http://www.w3.org/2006/time#",
    "http://data.europa.eu/m8g/",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/ns/adms#",
    "http://www.cidoc-crm.org/cidoc-crm/",
)

#: Minted properties with no standard counterpart, and why.
UNALIGNED = {
    SKG.statedMemberCount: (
        "a count of members a source states without naming them; ORG, schema.org and CPOV "
        "count only members that are described (schema:numberOfEmployees is about staff)"
    ),
    SKG.season: (
        "OWL-Time has no season in its date-time descriptions (only year, month, week, day "
        "and time of day); the season is the extra field of skg:unitSeason"
    ),
    # The registry of the model's kinds (ontology/kinds.ttl): what the service needs to know
    # about a class beyond its meaning, which no vocabulary describes.
    SKG.pathSegment: (
        "the IRI path a class's resources are minted under; VANN names a whole namespace "
        "(vann:preferredNamespaceUri), not the path of one class"
    ),
    SKG.listingOrder: (
        "a class's place in the service's overview; sh:order orders the property shapes of "
        "one form, not classes"
    ),
    SKG.templateSheet: "the sheet of this project's spreadsheet template a class is written in",
    SKG.templateType: "the word of the template's Typ column that means a class",
    SKG.templateDefault: "which class a template row without a Typ word gets",
    SKG.comparedAs: "that a class's resources are rows of this project's comparison",
    SKG.listingColumns: "the columns of this service's listing of a path, in order",
    SKG.listingFacets: (
        "the facets of this service's listing of a path; DCAT and Hydra describe no facets"
    ),
    SKG.facetKey: "a facet's name in this service's addresses",
    SKG.facetPath: (
        "a facet's properties as an RDF list; sh:path says the same of a SHACL shape, "
        "not of a listing's facet"
    ),
    SKG.facetClass: "which values a facet counts; sh:class constrains data, not a listing",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_graph(ontology_files())


def minted_properties(ontology: Graph) -> list[URIRef]:
    found = set()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property):
        found |= {s for s in ontology.subjects(RDF.type, kind) if str(s).startswith(str(SKG))}
    return sorted(found)  # type: ignore[arg-type]


def aligned_to(ontology: Graph, prop: URIRef, seen: frozenset[URIRef] = frozenset()) -> set[str]:
    """The established terms a property is aligned to, through minted parents too."""
    found: set[str] = set()
    for relation in ALIGNMENTS:
        for target in ontology.objects(prop, relation):
            if str(target).startswith(ESTABLISHED):
                found.add(str(target))
            elif isinstance(target, URIRef) and target.startswith(str(SKG)) and target not in seen:
                found |= aligned_to(ontology, target, seen | {prop})
    return found


def test_every_minted_property_is_aligned_or_says_why_not(ontology: Graph) -> None:
    properties = minted_properties(ontology)
    assert len(properties) >= 40
    unaligned = [p for p in properties if not aligned_to(ontology, p)]
    assert set(unaligned) == set(UNALIGNED), "align these, or list them with a reason"
    assert all(reason.strip() for reason in UNALIGNED.values())


def test_most_minted_properties_are_aligned(ontology: Graph) -> None:
    """Of the properties that state facts (not the registry's annotations about classes)."""
    annotations = set(ontology.subjects(RDF.type, OWL.AnnotationProperty))
    properties = [p for p in minted_properties(ontology) if p not in annotations]
    aligned = [p for p in properties if aligned_to(ontology, p)]
    assert len(aligned) / len(properties) > 0.9


@pytest.mark.parametrize(
    ("prop", "target"),
    [
        (SKG.party, "http://www.w3.org/ns/prov#wasAttributedTo"),
        (SKG.validFrom, "http://www.w3.org/2006/time#hasBeginning"),
        (SKG.validUntil, "https://schema.org/validThrough"),
        (SKG.purpose, "http://www.w3.org/ns/org#purpose"),
        (SKG.historyNote, "http://www.w3.org/2004/02/skos/core#historyNote"),
        (SKG.implements, "http://www.w3.org/ns/prov#wasInfluencedBy"),
    ],
)
def test_key_alignments(ontology: Graph, prop: URIRef, target: str) -> None:
    assert target in aligned_to(ontology, prop)


def test_literal_only_properties_are_not_sub_properties_of_object_properties(
    ontology: Graph,
) -> None:
    """A datatype property under rdfs:subPropertyOf takes a literal-valued parent only."""
    object_parents = {
        "http://www.w3.org/ns/prov#wasAttributedTo",
        "http://www.w3.org/ns/prov#wasInfluencedBy",
        "http://purl.org/dc/terms/relation",
        "http://purl.org/dc/terms/isReferencedBy",
        "https://schema.org/about",
    }
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        parents = {str(p) for p in ontology.objects(prop, RDFS.subPropertyOf)}
        assert not parents & object_parents, prop
