"""``/compare`` rendered by a real headless Chromium against a real uvicorn process.

Needs the Debian packages ``chromium`` and ``chromium-driver`` and the PyPI package
``selenium``; skips, saying which is missing, otherwise — fails on CI (see ``tests/live.py``).
"""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from live import chromium_driver, require_browser, running_server

SVG_NS = "http://www.w3.org/2000/svg"

require_browser()  # skips the module saying what is missing (fails on CI)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``samverkan serve`` on a free loopback port; its base URL."""
    # --allow-invalid: this test is about the page; SHACL conformance is tested elsewhere.
    with running_server(["--allow-invalid", "--workers", "1"]) as live:
        yield live.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium_driver(window_size=(1600, 1200), page_load_timeout=60) as driver:
        yield driver


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, 1)"  # how WebDriver reports computed colours


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_page_renders_table_and_matrix(server: str, browser: Any, lang: str) -> None:
    expected = httpx.get(f"{server}/compare.json", params={"lang": lang}, timeout=30).json()
    # The palette itself is checked against the UN's in test_compare_svg.
    colours = {g["number"]: g["colour"] for g in expected["goals"]}
    browser.get(f"{server}/compare?lang={lang}")
    WebDriverWait(browser, 30).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#sdg-matrix tbody tr"))
    )
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang

    rows = browser.find_elements(By.CSS_SELECTOR, "#comparison tbody tr")
    assert [r.get_attribute("data-iri") for r in rows] == [a["iri"] for a in expected["agreements"]]
    for row, agreement in zip(rows, expected["agreements"], strict=True):
        assert row.is_displayed()
        label = row.find_element(By.CSS_SELECTOR, "th.label a")
        assert label.text == agreement["label"]
        assert row.find_element(By.CSS_SELECTOR, "td.validity").text == agreement["validity_text"]
        assert row.find_element(By.CSS_SELECTOR, "td.projects").text == str(
            agreement["project_count"]
        )
        chips = row.find_elements(By.CSS_SELECTOR, "td.sdgs .sdg-chip")
        assert [int(c.text) for c in chips] == agreement["sdgs"]
        for chip in chips:
            assert chip.value_of_css_property("background-color") == _rgb(colours[int(chip.text)])

    goals = browser.find_elements(By.CSS_SELECTOR, "#sdg-matrix thead th.goal")
    assert [g.text for g in goals] == [str(n) for n in range(1, 18)]
    for goal in goals:
        colour = colours[int(goal.text)]
        assert goal.value_of_css_property("background-color") == _rgb(colour)
    matrix = browser.find_elements(By.CSS_SELECTOR, "#sdg-matrix tbody tr")
    assert [(m.get_attribute("class"), m.get_attribute("data-iri")) for m in matrix] == [
        (m["level"], m["iri"]) for m in expected["matrix"]
    ]
    for row, want in zip(matrix, expected["matrix"], strict=True):
        assert row.find_element(By.CSS_SELECTOR, "th").text == want["label"]
        listed = row.find_elements(By.CSS_SELECTOR, "td.cell.listed")
        assert [int(c.get_attribute("data-sdg")) for c in listed] == [
            c["sdg"] for c in want["cells"] if c["area_lists"]
        ]
        for cell in listed:
            mark = cell.find_element(By.CSS_SELECTOR, ".mark")
            sdg = int(cell.get_attribute("data-sdg"))
            assert mark.value_of_css_property("background-color") == _rgb(colours[sdg])

    # Everything the page loaded came from the server itself.
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert loaded and all(url.startswith(server) for url in loaded)


def test_svg_renders_in_the_browser(server: str, browser: Any) -> None:
    # ?lang= pins the language: without it the SVG follows the browser's Accept-Language
    expected = httpx.get(f"{server}/compare.json?lang=sv", timeout=30).json()
    browser.get(f"{server}/compare/sdg-matrix.svg?lang=sv")
    rows = WebDriverWait(browser, 30).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, "g.matrix-row")
    )
    assert [r.get_attribute("data-iri") for r in rows] == [m["iri"] for m in expected["matrix"]]
    size = browser.execute_script(
        "const box = document.documentElement.getBBox(); return [box.width, box.height]"
    )
    assert size[0] > 800 and size[1] > 500
