"""service.loading.validation: the curated graph conforms, and reports say what is wrong and where."""

import gc
import json
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from locations import SHAPE_FIXTURES
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from service.loading.rdf import load_graph, parse_files
from service.loading.validation import (
    ShapesError,
    ValidationReport,
    load_shapes,
    validate,
    validate_files,
    with_ontology,
)
from service.namespaces import SH, SKG
from service.paths import default_graph_files, ontology_files
from service.terms import rdflib_quads

FIXTURES = SHAPE_FIXTURES
CONTEXT = FIXTURES / "valid" / "context.ttl"
PROJECT = "https://w3id.org/samverkan-kg/project/test-projekt"


@pytest.fixture(scope="session")
def curated() -> tuple[ValidationReport, float]:
    """The curated graph (ontology + data/) validated once, and how long it took."""
    started = time.perf_counter()
    report = validate_files(default_graph_files())
    return report, time.perf_counter() - started


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def test_the_curated_graph_conforms(curated: tuple[ValidationReport, float]) -> None:
    report, _ = curated
    assert report.conforms, report.to_text()
    assert report.violations == []
    # Warnings are allowed; the curated data currently has an English label everywhere.
    assert all(f.severity == "Warning" for f in report.findings), report.to_text()


def test_validating_the_curated_graph_is_fast(curated: tuple[ValidationReport, float]) -> None:
    _, seconds = curated
    # About 1.5 s on an idle laptop; generous for a busy CI machine with two cores.
    assert seconds < 30, f"validation took {seconds:.1f} s"


def test_every_class_instantiated_in_the_data_has_a_shape(shapes: Graph) -> None:
    graph = load_graph(default_graph_files())
    instantiated = {
        row[0]
        for row in graph.query(
            "SELECT DISTINCT ?class WHERE { ?s a ?class . "
            "FILTER (!STRSTARTS(STR(?class), STR(owl:)) && ?class != rdf:Property) }",
            initNs={"owl": OWL, "rdf": RDF},
        )
    }
    # Things the ontology itself declares as individuals are validated through their users.
    instantiated -= {SKG.Season, URIRef("http://www.w3.org/2006/time#TemporalUnit")}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert instantiated, "no classes found in the data"
    missing = sorted(str(c) for c in instantiated - targeted)
    assert not missing, f"classes in data/ that no shape targets: {missing}"


def test_data_without_the_ontology_is_not_blamed_for_its_vocabulary(shapes: Graph) -> None:
    # The context uses skg: terms throughout; only the ontology declares them.
    assert validate_files([CONTEXT], shapes).findings == []
    misspelt = FIXTURES / "MintedResourceShape--undeclared-term.ttl"
    assert validate_files([CONTEXT, misspelt], shapes).findings == []
    (finding,) = validate_files(with_ontology([CONTEXT, misspelt]), shapes).findings
    assert finding.focus_node == str(SKG.withinAera)
    assert finding.file == str(misspelt)


def test_with_ontology_adds_the_ontology_once() -> None:
    given = [CONTEXT, *ontology_files()]
    files = with_ontology(given)
    assert sorted(files) == sorted(set(files))
    assert set(ontology_files()) <= set(files)
    assert with_ontology([CONTEXT])[-1] == CONTEXT


def inline(tmp_path: Path, name: str, turtle: str) -> Path:
    path = tmp_path / name
    path.write_text(turtle, encoding="utf-8")
    return path


PREFIXES = """
@prefix skg:  <https://w3id.org/samverkan-kg/ontology#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix dct:  <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def test_a_blank_focus_node_is_described_by_the_triple_that_leads_to_it(
    tmp_path: Path, shapes: Graph
) -> None:
    # A second start for the context's project, a blank date without its year.
    broken = inline(
        tmp_path,
        "start.ttl",
        PREFIXES
        + f"""<{PROJECT}> skg:reportingDue [ a time:DateTimeDescription ;
            time:unitType time:unitYear ; rdfs:label "2022"@sv, "2022"@en ;
            skg:earliest "2022-01-01"^^xsd:date ; skg:latest "2022-12-31"^^xsd:date ] .
        """,
    )
    report = validate_files(with_ontology([CONTEXT, broken]), shapes)
    found = {(f.constraint, f.path, f.where) for f in report.findings if f.where}
    reporting_due = str(SKG.reportingDue)
    assert (
        "MinCountConstraintComponent",
        "http://www.w3.org/2006/time#year",
        f"{reporting_due} of {PROJECT}",
    ) in found, report.to_text()
    # The project now has two reporting dates: reported on the project itself.
    assert any(
        f.focus_node == PROJECT and f.constraint == "MaxCountConstraintComponent"
        for f in report.findings
    )
    blank = next(f for f in report.findings if f.where)
    assert blank.file == str(broken)
    assert f"[skg:reportingDue of {PROJECT}] time:year: " in report.to_text()


def test_an_inverse_path_is_reported_as_such(tmp_path: Path, shapes: Graph) -> None:
    unused = inline(
        tmp_path,
        "role.ttl",
        PREFIXES
        + """<https://w3id.org/samverkan-kg/role/oanvand> a org:Role ;
            rdfs:label "Oanvänd"@sv, "Unused"@en ;
            dct:source <https://w3id.org/samverkan-kg/source/test-doc> .
        """,
    )
    report = validate_files(with_ontology([CONTEXT, unused]), shapes)
    (finding,) = report.findings
    assert finding.path == "^http://www.w3.org/ns/org#role"
    assert finding.focus_node == "https://w3id.org/samverkan-kg/role/oanvand"


def test_the_json_report_has_the_documented_keys(shapes: Graph) -> None:
    report = validate_files(with_ontology([CONTEXT, FIXTURES / "RoleShape.ttl"]), shapes)
    parsed = json.loads(report.to_json())
    assert set(parsed) == {"conforms", "violations", "warnings", "results"}
    assert parsed["conforms"] is False and parsed["violations"] == 1
    (result,) = parsed["results"]
    assert set(result) == {
        "severity",
        "focus_node",
        "path",
        "message",
        "constraint",
        "shape",
        "value",
        "file",
        "where",
    }
    assert result["file"] == str(FIXTURES / "RoleShape.ttl")
    assert result["message"]


def test_the_text_report_lists_violations_before_warnings(tmp_path: Path, shapes: Graph) -> None:
    both = [CONTEXT, FIXTURES / "LabelShape--no-english.ttl", FIXTURES / "RoleShape.ttl"]
    lines = validate_files(with_ontology(both), shapes).to_text().splitlines()
    assert "Violation" in lines[0] and "Warning" in lines[1]
    assert lines[-1] == "does not conform: 1 violation(s), 1 warning(s)"


def test_nested_results_of_node_constraints_are_not_counted_twice(shapes: Graph) -> None:
    fixture = FIXTURES / "CollaborationShape--member-not-organisation.ttl"
    report = validate_files(with_ontology([CONTEXT, fixture]), shapes)
    assert len(report.findings) == 1, report.to_text()


def test_the_same_graph_validates_the_same_way_twice(shapes: Graph) -> None:
    """Prepared queries are cached across validations; results must not leak between them."""
    graph = load_graph(with_ontology([CONTEXT, FIXTURES / "ProjectSdgWithinAreaRule.ttl"]))
    first = validate(graph, shapes)
    second = validate(graph, shapes)
    assert first.findings == second.findings and len(first.findings) == 1
    clean = validate(load_graph(with_ontology([CONTEXT])), shapes)
    assert clean.findings == []


def test_validation_leaves_the_given_graph_alone(shapes: Graph) -> None:
    graph = load_graph(with_ontology([CONTEXT]))
    before = len(graph)
    validate(graph, shapes)
    assert len(graph) == before


def test_unusable_shapes_raise_a_shapes_error() -> None:
    broken = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p, ex:q ; sh:minCount 1 ] .
        """,
        format="turtle",
    )
    data = Graph().parse(data="<http://example.org/x> a <http://example.org/C> .", format="turtle")
    with pytest.raises(ShapesError, match="shapes cannot be used"):
        validate(data, broken)


def test_the_cheaper_shapes_report_what_plain_pyshacl_reports(
    tmp_path: Path, shapes: Graph
) -> None:
    """With an engine, pyshacl runs on a rewritten private copy of the shapes (node lists for
    SPARQL targets, rules narrowed, class unions, property shapes with their owner's targets):
    on every fixture at once, it must report exactly what pyshacl reports on the shapes as
    written. Also for instances of a subclass (declared in the data) of a targeted class."""
    subclass = inline(
        tmp_path,
        "subclass.ttl",
        PREFIXES
        + """@prefix ex: <http://example.org/> .
        ex:Pilot rdfs:subClassOf skg:Project .
        ex:pilot a ex:Pilot ;
            skg:start [ a time:DateTimeDescription ; time:unitType time:unitYear ;
                time:year "2023"^^xsd:gYear ; skg:earliest "2023-01-01"^^xsd:date ;
                skg:latest "2023-12-31"^^xsd:date ] ;
            skg:reportingDue [ a time:DateTimeDescription ; time:unitType time:unitYear ;
                time:year "2022"^^xsd:gYear ; skg:earliest "2022-01-01"^^xsd:date ;
                skg:latest "2022-12-31"^^xsd:date ] .
        ex:Register rdfs:subClassOf skos:ConceptScheme .
        ex:register a ex:Register .
        """,
    )
    data = Graph()
    engine = ox.Store()
    fixtures = sorted(FIXTURES.glob("*.ttl"))
    for item in parse_files(with_ontology([CONTEXT, *fixtures, subclass])):
        engine.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in item.quads)
        for s, p, o, _ in rdflib_quads(item.quads):
            data.add((s, p, o))
    plain = validate(data, shapes)
    cheaper = validate(data, shapes, engine=engine)
    assert len(plain.findings) > 50
    assert any(f.focus_node == "http://example.org/pilot" for f in plain.findings)
    assert sorted(map(repr, cheaper.findings)) == sorted(map(repr, plain.findings))


def test_the_cycle_collector_is_paused_only_while_validating(shapes: Graph) -> None:
    graph = load_graph(with_ontology([CONTEXT]))
    assert gc.isenabled()
    validate(graph, shapes)
    assert gc.isenabled()
    gc.disable()
    try:
        validate(graph, shapes)
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
