"""data/sdg.ttl agrees with the UN's SDG concept scheme in shared/un-sdg."""

import re

import pytest
from locations import SHARED, require_shared
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from service.paths import graph_root

UN_KOS = SHARED / "un-sdg"
GOALS = [URIRef(f"http://metadata.un.org/sdg/{n}") for n in range(1, 18)]


@pytest.fixture(scope="module")
def un() -> Graph:
    source = require_shared(UN_KOS / "sdg-kos-goals-targets-indicators.ttl")
    return Graph().parse(source)


@pytest.fixture(scope="module")
def ours() -> Graph:
    return Graph().parse(graph_root() / "data" / "sdg.ttl")


@pytest.mark.parametrize("goal", GOALS, ids=lambda g: str(g).rsplit("/", 1)[-1])
def test_goal_matches_the_un_scheme(un: Graph, ours: Graph, goal: URIRef) -> None:
    def english(graph: Graph, predicate: URIRef) -> set[str]:
        return {
            str(o) for o in graph.objects(goal, predicate) if getattr(o, "language", None) == "en"
        }

    assert english(ours, SKOS.prefLabel) == english(un, SKOS.prefLabel)
    assert english(ours, RDFS.label) == english(un, SKOS.altLabel)  # the UN's short name
    assert set(ours.objects(goal, SKOS.exactMatch)) == set(un.objects(goal, SKOS.exactMatch))
    swedish = [o for o in ours.objects(goal, RDFS.label) if getattr(o, "language", None) == "sv"]
    assert len(swedish) == 1


def test_sources_use_the_official_swedish_names(ours: Graph) -> None:
    """The action plan writes goals as "Mål N <official Swedish name>"."""
    plan = require_shared(SHARED / "sources" / "001_7658455127dcdd56.txt")
    text = plan.read_text(encoding="utf-8")
    for goal in GOALS:
        number = str(goal).rsplit("/", 1)[-1]
        names = {
            str(o) for o in ours.objects(goal, RDFS.label) if getattr(o, "language", None) == "sv"
        }
        names |= {str(o) for o in ours.objects(goal, SKOS.hiddenLabel)}
        for mention in set(re.findall(rf"Mål {number} ([^\n”]+)", text)):
            assert mention.strip() in names, (number, mention)
