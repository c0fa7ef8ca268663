"""Charts do not clip their labels, and the neighbourhood picture names things as people do
(issue 19): every text of the comparison's SDG matrix and of a resource's neighbourhood
picture fits inside the drawing by its estimated width (or wraps), and the picture shows
labels only — no blank-node ids, prefixed names or addresses."""

import re

import pytest
from fastapi.testclient import TestClient
from svg_fit import overflowing

from service.store.base import Store

BASE = "https://w3id.org/samverkan-kg/"
PICTURE = re.compile(r'<svg class="neighbourhood".*?</svg>', re.S)


@pytest.mark.parametrize(
    "query",
    [{}, {"lang": "en"}, {"all": "true"}, {"all": "true", "lang": "en", "group": "university"}],
)
def test_the_sdg_matrix_holds_its_labels(curated_client: TestClient, query: dict[str, str]) -> None:
    svg = curated_client.get("/compare/sdg-matrix.svg", params=query).text
    assert "<tspan" in svg  # labels drawn, long ones in lines
    assert overflowing(svg) == []


def test_the_check_finds_a_clipped_label() -> None:
    """The estimate is not vacuous: a label running past the edge is found."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><text x="60" font-size="12">a long label</text></svg>'
    assert [o.text for o in overflowing(svg)] == ["a long label"]


def test_every_neighbourhood_picture_holds_labels_only(
    curated_client: TestClient, curated_store: Store
) -> None:
    rows = curated_store.select(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o "
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{BASE}") && !CONTAINS(STR(?s), "#")) }} '
        "ORDER BY ?s"
    ).rows
    pictures = 0
    for index, row in enumerate(rows[::2]):  # every other resource, in either language
        for lang in ("sv", "en")[index % 2 : index % 2 + 1]:
            path = "/" + str(row["s"])[len(BASE) :]
            page = curated_client.get(path, params={"lang": lang}, headers={"Accept": "text/html"})
            found = PICTURE.search(page.text)
            if not found:
                continue
            pictures += 1
            svg = found.group(0)
            assert overflowing(svg, css_bold={"self"}) == [], path
            texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
            assert texts, path
            for text in texts:
                assert not re.match(r"^(_:|[a-z][\w-]*:\S|https?:)", text), (path, text)
    assert pictures > 50
