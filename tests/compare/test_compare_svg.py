"""The SDG matrix as SVG (service.compare.svg), parsed back with ElementTree."""

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.compare.formats import to_json
from service.compare.model import Comparison, gather
from service.compare.svg import render
from service.settings import Settings
from service.store.querying import DatasetStore

NS = {"svg": "http://www.w3.org/2000/svg"}
XLINK = "{http://www.w3.org/1999/xlink}href"

#: The UN palette as the brief gives it (UN SDG communications guidelines), written out
#: here independently of the constant in service.compare_svg.
UN_COLOURS = {
    1: "#E5243B",
    2: "#DDA63A",
    3: "#4C9F38",
    4: "#C5192D",
    5: "#FF3A21",
    6: "#26BDE2",
    7: "#FCC30B",
    8: "#A21942",
    9: "#FD6925",
    10: "#DD1367",
    11: "#FD9D24",
    12: "#BF8B2E",
    13: "#3F7E44",
    14: "#0A97D9",
    15: "#56C02B",
    16: "#00689D",
    17: "#19486A",
}


@pytest.fixture(scope="module")
def store(curated_store: DatasetStore) -> DatasetStore:
    return curated_store


@pytest.fixture(scope="module")
def client(store: DatasetStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store)) as test_client:  # type: ignore[call-arg]
        yield test_client


@pytest.fixture(scope="module", params=["sv", "en"])
def comparison(request: pytest.FixtureRequest, store: DatasetStore) -> Comparison:
    return gather(store, request.param)


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def text_of(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def test_column_headers_are_the_17_goals_on_their_colours(comparison: Comparison) -> None:
    root = parse(render(comparison))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    headers = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if "sdg-header" in classes(g)]
    assert [int(h.get("data-sdg", "0")) for h in headers] == list(range(1, 18))
    for header in headers:
        number = int(header.get("data-sdg", "0"))
        rect = header.find("svg:rect", NS)
        label = header.find("svg:text", NS)
        assert rect is not None and label is not None
        assert rect.get("fill", "").upper() == UN_COLOURS[number]
        assert text_of(label) == str(number)
        tooltip = header.find("svg:title", NS)
        goal = comparison.goals[number - 1]
        assert tooltip is not None and text_of(tooltip) == f"{number}. {goal.label}"


def test_one_row_per_agreement_and_area_with_the_covered_cells(comparison: Comparison) -> None:
    root = parse(render(comparison))
    data = to_json(comparison)
    rows = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if "matrix-row" in classes(g)]
    assert [(classes(r) - {"matrix-row"}, r.get("data-iri")) for r in rows] == [
        ({m["level"]}, m["iri"]) for m in data["matrix"]
    ]
    # the seeds' 5 rows (3 agreements, the plan, the network), the register's 7 agreements
    assert sum("agreement" in classes(r) for r in rows) == len(data["agreements"]) == 12
    for row, expected in zip(rows, data["matrix"], strict=True):
        assert row.get("data-agreement") == expected["agreement"]
        label = next(
            t for t in row.iter("{http://www.w3.org/2000/svg}text") if "row-label" in classes(t)
        )
        shown = text_of(label)
        full = expected["label"]
        assert shown == full or (shown.endswith("…") and full.startswith(shown[:40]))
        title = row.find("svg:title", NS)
        assert title is not None and text_of(title) == full
        cells = [g for g in row.iter("{http://www.w3.org/2000/svg}g") if "cell" in classes(g)]
        assert [int(c.get("data-sdg", "0")) for c in cells] == list(range(1, 18))
        for cell, want in zip(cells, expected["cells"], strict=True):
            listed = [r for r in cell.findall("svg:rect", NS) if "listed" in classes(r)]
            cross = [r for r in cell.findall("svg:rect", NS) if "cross-cutting" in classes(r)]
            numbers = [t for t in cell.findall("svg:text", NS) if "projects" in classes(t)]
            assert bool(listed) == want["area_lists"]
            assert bool(cross) == want["cross_cutting"]
            assert [int(text_of(t)) for t in numbers] == (
                [want["projects"]] if want["projects"] else []
            )
            for mark in listed + cross:
                colour = mark.get("fill") if mark in listed else mark.get("stroke")
                assert (colour or "").upper() == UN_COLOURS[want["sdg"]]


def test_title_legend_and_nothing_external(comparison: Comparison) -> None:
    svg = render(comparison)
    root = parse(svg)
    title = root.find("svg:title", NS)
    assert title is not None and text_of(title)
    legends = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if "legend" in classes(g)]
    assert len(legends) == 1
    legend = legends[0]
    assert any("listed" in classes(r) for r in legend.iter("{http://www.w3.org/2000/svg}rect"))
    assert any(
        "cross-cutting" in classes(r) for r in legend.iter("{http://www.w3.org/2000/svg}rect")
    )
    assert any("projects" in classes(t) for t in legend.iter("{http://www.w3.org/2000/svg}text"))
    assert any("judged" in classes(t) for t in legend.iter("{http://www.w3.org/2000/svg}text"))
    assert len([t for t in legend.iter("{http://www.w3.org/2000/svg}text") if not classes(t)]) == 4
    # Self-contained: no images, scripts, stylesheets, links or fonts from elsewhere.
    tags = {element.tag.split("}")[1] for element in root.iter()}
    assert not tags & {"image", "script", "style", "foreignObject", "use", "a", "font-face"}
    assert not any(e.get("href") or e.get(XLINK) for e in root.iter())
    references = [
        value
        for element in root.iter()
        for name, value in element.attrib.items()
        if not name.startswith("data-")  # the rows' own IRIs, never fetched
    ]
    assert not [v for v in references if re.search(r"url\(|://|@import", v)]
    assert "@import" not in svg and "url(" not in svg
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == comparison.lang


def test_served_svg_is_the_rendered_matrix(client: TestClient, store: DatasetStore) -> None:
    response = client.get("/compare/sdg-matrix.svg", params={"lang": "en", "all": "true"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == "image/svg+xml"
    assert response.text == render(gather(store, "en"))
    title = parse(response.text).find("svg:title", NS)
    assert title is not None and "SDG" in text_of(title)
