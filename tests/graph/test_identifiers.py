"""Organisation identifiers: what each partner carries, and the README's list of what it lacks.

Every partner organisation (a university, municipality or region) should carry the
identifiers others use: Wikidata and organisationsnummer for all, ROR for universities,
kommunkod for municipalities, länskod for regions. Only identifiers a stored public page
states are recorded; the README lists, under "Identifiers not found", each partner and the
kinds it lacks, and this test keeps that list equal to the data.
"""

import re

import pytest
from locations import REPO
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from service.loading import load_graph
from service.namespaces import SCHEMA, SKG
from service.paths import default_graph_files

EXPECTED = {
    SKG.University: ("Wikidata", "ROR", "organisationsnummer"),
    SKG.Municipality: ("Wikidata", "organisationsnummer", "kommunkod"),
    SKG.Region: ("Wikidata", "organisationsnummer", "länskod"),
}
EXACT_MATCH_BASES = {"Wikidata": "http://www.wikidata.org/entity/Q", "ROR": "https://ror.org/"}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_graph(default_graph_files())


def carried(graph: Graph, organisation: URIRef) -> set[str]:
    """The kinds of identifier an organisation carries (with a source page each)."""
    kinds = set()
    for value in graph.objects(organisation, SCHEMA.identifier):
        if graph.value(value, URIRef("http://purl.org/dc/terms/source")) is not None:
            kinds.add(str(graph.value(value, SCHEMA.propertyID)))
    return kinds


def lacking(graph: Graph) -> dict[str, set[str]]:
    found = {}
    for kind, wanted in EXPECTED.items():
        for organisation in graph.subjects(RDF.type, kind):
            label = next(
                str(o)
                for o in graph.objects(organisation, RDFS.label)
                if isinstance(o, Literal) and o.language == "sv"
            )
            missing = set(wanted) - carried(graph, organisation)  # type: ignore[arg-type]
            if missing:
                found[label] = missing
    return found


def readme_list() -> dict[str, set[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("Identifiers not found:", 1)[1]
    listed = {}
    for line in section.splitlines()[1:]:
        item = re.match(r"  - ([^:*]+): (.+)$", line)
        if not item:
            break
        listed[item.group(1).strip()] = {k.strip() for k in item.group(2).split(",")}
    return listed


def test_the_readme_lists_exactly_the_identifiers_the_partners_lack(graph: Graph) -> None:
    missing = lacking(graph)
    assert len(list(graph.subjects(RDF.type, SKG.University))) >= 2
    assert readme_list() == missing


def test_every_ror_and_wikidata_identifier_is_also_an_exact_match(graph: Graph) -> None:
    for organisation, value in graph.subject_objects(SCHEMA.identifier):
        scheme = str(graph.value(value, SCHEMA.propertyID))
        if scheme in EXACT_MATCH_BASES:
            code = str(graph.value(value, SCHEMA.value)).removeprefix("Q")
            target = URIRef(EXACT_MATCH_BASES[scheme] + code)
            assert (organisation, SKOS.exactMatch, target) in graph, (organisation, target)
