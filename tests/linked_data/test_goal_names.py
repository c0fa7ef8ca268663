"""One name per goal (issue 19): every page, table and chart names a UN goal by its short
name (``rdfs:label``: the UN's short title in English, the official Swedish name in
Swedish, as ``data/sdg.ttl`` records them); the UN's long title (``skos:prefLabel`` in
English) is shown on the goal's own page only."""

import re

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from service.paths import graph_root

GOALS = [URIRef(f"http://metadata.un.org/sdg/{n}") for n in range(1, 18)]
#: Pages, tables and charts that name goals (each with a goal the curated graph cites).
NAMING = [
    "/compare",
    "/compare/sdg-matrix.svg",
    "/queries/projects-per-sdg?format=html",
    "/queries/projects-per-sdg?format=csv",
    "/queries/sdgs-per-area?format=html",
    "/project?sdg=http://metadata.un.org/sdg/5",
    "/project/fou-centrum-vard-omsorg-socialt-arbete",
    "/area/lk-hallbar-valfard",
    "/sdg",
]


@pytest.fixture(scope="module")
def names() -> dict[str, tuple[set[str], set[str]]]:
    """Each language → (the goals' short names, every other name of a goal)."""
    graph = Graph().parse(graph_root() / "data" / "sdg.ttl")
    found: dict[str, tuple[set[str], set[str]]] = {"sv": (set(), set()), "en": (set(), set())}
    for goal in GOALS:
        short = {o for o in graph.objects(goal, RDFS.label) if isinstance(o, Literal)}
        others = {
            o
            for p in (SKOS.prefLabel, SKOS.altLabel)
            for o in graph.objects(goal, p)
            if isinstance(o, Literal) and str(o) not in {str(s) for s in short}
        }
        for lang in found:
            found[lang][0].update(str(s) for s in short if s.language == lang)
            found[lang][1].update(str(o) for o in others)
    return found


@pytest.mark.parametrize("path", NAMING)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_goals_go_by_their_short_names(
    curated_client: TestClient,
    names: dict[str, tuple[set[str], set[str]]],
    path: str,
    lang: str,
) -> None:
    answer = curated_client.get(path, params={"lang": lang}, headers={"Accept": "text/html"})
    assert answer.status_code == 200, path
    text = answer.text
    short, others = names[lang]
    assert any(name in text for name in short), (path, lang)  # goals are named here
    assert not [o for o in others if re.search(rf"(?<!\w){re.escape(o)}(?!\w)", text)], (path, lang)


def test_the_long_title_is_on_the_goals_page(
    curated_client: TestClient, names: dict[str, tuple[set[str], set[str]]]
) -> None:
    text = curated_client.get("/sdg/11", params={"lang": "sv"}).text
    assert "Make cities and human settlements inclusive, safe, resilient and sustainable" in text
