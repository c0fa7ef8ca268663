"""The registry of the model's kinds, as the project's ontology declares it."""

from service.model import registry
from service.namespaces import ORG, SKG


def test_kinds_are_grouped_by_the_class_hierarchy() -> None:
    model = registry()
    assert {k.iri for k in model.partnerships} == {SKG.Partnership, SKG.Network}
    assert {k.iri for k in model.agreements} == {SKG.CollaborationAgreement, SKG.ActionPlan}
    organisations = {k.iri for k in model.kinds.values() if k.is_organisation}
    assert {SKG.University, SKG.Municipality, SKG.Region, SKG.StudentUnion} <= organisations
    assert ORG.FormalOrganization in organisations
    assert SKG.Project not in organisations and SKG.GovernanceBody not in organisations


def test_paths_names_and_places() -> None:
    model = registry()
    assert model.kinds[SKG.Network].path == "partnership"
    assert model.kinds[SKG.University].path == model.kinds[SKG.Region].path == "partner"
    partnerships = model.path_kind("partnership")
    assert (partnerships.name("sv"), partnerships.name("en")) == ("Partnerskap", "Partnerships")
    assert partnerships.prefix == "ps" and partnerships.order == 2
    main = sorted((p for p in model.paths.values() if p.order), key=lambda p: p.order or 0)
    assert [p.segment for p in main][:3] == ["partner", "partnership", "agreement"]
    assert model.path_kind("place").name("en") == "Place"  # a path the ontology does not name


def test_the_template_and_the_comparison() -> None:
    model = registry()
    assert model.sheet_types("Partnerskap") == {
        "partnerskap": SKG.Partnership,  # the default first
        "nätverk": SKG.Network,
    }
    assert [(k.compared_as, k.iri) for k in model.compared] == [
        ("agreement", SKG.CollaborationAgreement),
        ("action-plan", SKG.ActionPlan),
        ("network", SKG.Network),
    ]
    assert model.kinds[SKG.Partnership].label("en") == "strategic partnership"
