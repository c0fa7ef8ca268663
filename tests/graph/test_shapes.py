"""The SHACL shapes in shapes/: each rule fails on its own invalid fixture, and only there.

Every fixture in tests/fixtures/shapes/ is named after the shape it breaks
(``<ShapeName>.ttl`` or ``<ShapeName>--<variant>.ttl``), states what must be reported in
``# expect: <focus> sh:<Component> [Warning]`` lines, and is validated together with
``valid/context.ttl`` (a small world that conforms) and the ontology, as
``samverkan validate`` does. The report must hold exactly the expected results.
"""

from pathlib import Path

import pytest
from locations import SHAPE_FIXTURES
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from service.loading.validation import load_shapes, validate_files, with_ontology
from service.namespaces import SH

FIXTURES = SHAPE_FIXTURES
CONTEXT = FIXTURES / "valid" / "context.ttl"
SHAPES_NS = "https://w3id.org/samverkan-kg/shapes#"
INVALID = sorted(FIXTURES.glob("*.ttl"))
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)

Expectation = tuple[str, str, str]  # focus node, constraint component, severity


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def node_shapes(shapes: Graph) -> list[URIRef]:
    return sorted(s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def targeted_shapes(shapes: Graph) -> list[URIRef]:
    return [s for s in node_shapes(shapes) if any(shapes.value(s, t) for t in TARGETS)]


def shape_of(fixture: Path) -> URIRef:
    return URIRef(SHAPES_NS + fixture.stem.split("--")[0])


def expectations(fixture: Path) -> set[Expectation]:
    """The ``# expect:`` lines, prefixed names expanded with the fixture's own prefixes."""
    namespaces = Graph().parse(fixture).namespace_manager
    expected = set()
    for line in fixture.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# expect:"):
            continue
        focus, component, *rest = line.removeprefix("# expect:").split()
        if focus.startswith("<"):
            focus_iri = focus.strip("<>")
        else:
            focus_iri = str(namespaces.expand_curie(focus))
        severity = rest[0] if rest else "Violation"
        expected.add((focus_iri, component.removeprefix("sh:"), severity))
    return expected


def test_there_is_a_fixture_for_every_targeted_shape(shapes: Graph) -> None:
    covered = {shape_of(f) for f in INVALID}
    missing = [str(s) for s in targeted_shapes(shapes) if s not in covered]
    assert not missing, f"shapes without a fixture in {FIXTURES}: {missing}"
    unknown = [f.name for f in INVALID if shape_of(f) not in set(node_shapes(shapes))]
    assert not unknown, f"fixtures named after no shape: {unknown}"


def test_the_context_conforms_without_warnings(shapes: Graph) -> None:
    report = validate_files(with_ontology([CONTEXT]), shapes)
    assert report.findings == [], report.to_text()


@pytest.mark.parametrize("fixture", INVALID, ids=[f.stem for f in INVALID])
def test_fixture_fails_exactly_as_expected(fixture: Path, shapes: Graph) -> None:
    expected = expectations(fixture)
    assert expected, f"{fixture.name} states no '# expect:' line"
    report = validate_files(with_ontology([CONTEXT, fixture]), shapes)
    found = {(f.focus_node, f.constraint, f.severity) for f in report.findings}
    assert found == expected, report.to_text()
    # The results come from the shape the fixture is named after (or its property shapes).
    shape = shape_of(fixture)
    own = {str(shape)} | {str(p) for p in shapes.objects(shape, SH.property)}
    assert any(f.shape in own for f in report.findings), report.to_text()
    assert report.conforms == all(severity != "Violation" for _, _, severity in expected)
    # Every result names the file that describes its focus node.
    assert all(f.file in (str(fixture), str(CONTEXT)) for f in report.findings)


def test_a_missing_english_label_is_only_a_warning(shapes: Graph) -> None:
    report = validate_files(
        with_ontology([CONTEXT, FIXTURES / "LabelShape--no-english.ttl"]), shapes
    )
    assert report.conforms
    assert [f.severity for f in report.findings] == ["Warning"]
    assert report.findings[0].path == str(RDFS.label)


def _english(node: URIRef | BNode, shapes: Graph) -> bool:
    return any(
        isinstance(m, Literal) and m.language == "en" and str(m).strip()
        for m in shapes.objects(node, SH.message)
    )


def test_every_shape_and_constraint_has_an_english_message(shapes: Graph) -> None:
    property_shapes = set(shapes.objects(None, SH.property))
    sparql_constraints = set(shapes.objects(None, SH.sparql))
    nodes = set(node_shapes(shapes))
    assert len(nodes) > 40 and len(property_shapes) > 100 and len(sparql_constraints) >= 2
    silent = [
        str(n)
        for n in nodes | property_shapes | sparql_constraints
        if isinstance(n, URIRef | BNode) and not _english(n, shapes)
    ]
    assert not silent, f"without an English sh:message: {silent}"


def test_shapes_are_named(shapes: Graph) -> None:
    unnamed = [str(s) for s in node_shapes(shapes) if shapes.value(s, RDFS.label) is None]
    assert not unnamed, f"node shapes without rdfs:label: {unnamed}"
    nameless = [
        shapes.value(p, SH.path)
        for p in shapes.objects(None, SH.property)
        if shapes.value(p, SH.name) is None
    ]
    assert not nameless, f"property shapes without sh:name: {nameless}"


def test_sparql_rules_are_among_the_shapes(shapes: Graph) -> None:
    """At least the domain rules the project promises, each a shape with a SPARQL query."""
    with_sparql = {str(s).removeprefix(SHAPES_NS) for s in shapes.subjects(SH.sparql, None)}
    assert {
        "ProjectSdgWithinAreaRule",
        "ProjectPlanPartnershipRule",
        "ProjectAreaInAgreementRule",
        "RepresentedMemberRule",
        "NoTelephoneNumberShape",
        "ValidityPeriodRule",
    } <= with_sparql


def test_date_units_are_the_four_the_model_uses(shapes: Graph) -> None:
    unit_type = URIRef("http://www.w3.org/2006/time#unitType")
    (allowed,) = (
        shapes.value(p, SH["in"])
        for p in shapes.subjects(SH.path, unit_type)
        if shapes.value(p, SH["in"]) is not None
    )
    assert {str(u).rsplit("#", 1)[-1] for u in Collection(shapes, allowed)} == {
        "unitYear",
        "unitSeason",
        "unitMonth",
        "unitDay",
    }
