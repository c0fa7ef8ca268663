"""The vocabulary: every term the project mints is labelled and defined in Swedish and English."""

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from service.loading import load_graph
from service.namespaces import SKG
from service.paths import default_graph_files, ontology_files

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_graph(ontology_files())


def minted_terms(ontology: Graph) -> list[URIRef]:
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(str(SKG))}
    return sorted(terms)


def test_every_minted_term_is_labelled_and_defined_in_both_languages(ontology: Graph) -> None:
    terms = minted_terms(ontology)
    assert len(terms) > 40
    for term in terms:
        for predicate in (RDFS.label, SKOS.definition):
            languages = {getattr(o, "language", None) for o in ontology.objects(term, predicate)}
            assert {"sv", "en"} <= languages, (term, predicate)


def test_classes_and_properties_are_declared(ontology: Graph) -> None:
    undeclared = [
        t
        for t in minted_terms(ontology)
        if not any((t, RDF.type, k) in ontology for k in TERM_TYPES)
    ]
    # The season individuals and the season unit are instances, not terms of the schema; so
    # are the values of skg:fundingCoverage and skg:sdgCoverage.
    instances = [SKG.autumn, SKG.spring, SKG.unitSeason, SKG.FundingStated, SKG.SdgsStated]
    assert undeclared == sorted([*instances, SKG.NoFundingCommitments, SKG.NoSdgsInSource])


def test_minted_classes_specialise_established_vocabularies(ontology: Graph) -> None:
    for cls in ontology.subjects(RDF.type, OWL.Class):
        parents = list(ontology.objects(cls, RDFS.subClassOf))
        assert parents, cls
        assert all(not str(p).startswith(str(SKG)) for p in parents), cls


def test_data_uses_only_declared_project_terms() -> None:
    graph = load_graph(default_graph_files())
    declared = set(minted_terms(graph))
    used = {p for p in graph.predicates() if str(p).startswith(str(SKG))}
    used |= {o for o in graph.objects(None, RDF.type) if str(o).startswith(str(SKG))}
    assert used <= declared, used - declared
