"""Keyboard use in a real headless Chromium: what axe-core cannot check.

From the top of a page only the Tab key (and Enter, arrows, typing) is used: the skip link
comes first and moves to the content; on the query page Tab reaches the examples menu, the
editor and the run button, and a query typed and run that way shows its results; the editor
lets Tab go on (no keyboard trap); on /compare Tab reaches the SDG matrix's links. What has
focus is visibly marked.

Needs the Debian packages ``chromium`` and ``chromium-driver`` and the PyPI package
``selenium``; skips, saying which is missing, otherwise — fails on CI (see ``tests/live.py``).
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from live import chromium_driver, require_browser, running_server

require_browser()  # skips the module saying what is missing (fails on CI)
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

WAIT = 60  # seconds; generous for a loaded 2-core CI machine
MAX_TABS = 300  # more Tab presses than any page needs to reach its last control

Driver = Any  # selenium's WebDriver (untyped here to keep the import optional)

#: A short description of the focused element: tag, id, classes, text (for messages).
DESCRIBE_FOCUS = """
const e = document.activeElement;
if (!e || e === document.body) return "body";
return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
  (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\\s+/).join(".") : "") +
  (e.textContent ? " '" + e.textContent.trim().slice(0, 40) + "'" : "");
"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``samverkan serve`` on the curated graph, on a free loopback port; its base URL."""
    # --allow-invalid: this test is about the pages; SHACL conformance is tested elsewhere.
    with running_server(["--allow-invalid", "--workers", "1"]) as live:
        yield live.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Driver]:
    with chromium_driver(window_size=(1280, 1000), page_load_timeout=WAIT) as driver:
        yield driver


def press(browser: Driver, *keys: str) -> None:
    """Keys as the keyboard sends them, to whatever has focus."""
    ActionChains(browser).send_keys(*keys).perform()


def chord(browser: Driver, modifier: str, key: str) -> None:
    """``key`` while ``modifier`` is held (Ctrl-A, Shift-Tab, Ctrl-Enter)."""
    ActionChains(browser).key_down(modifier).send_keys(key).key_up(modifier).perform()


def focused(browser: Driver) -> str:
    return str(browser.execute_script(DESCRIBE_FOCUS))


def tab_until(browser: Driver, matches: Callable[[Driver], bool], what: str) -> list[str]:
    """Press Tab until ``matches``; the focus path taken (fails if never reached)."""
    path = []
    for _ in range(MAX_TABS):
        press(browser, Keys.TAB)
        path.append(focused(browser))
        if matches(browser):
            return path
    pytest.fail(f"Tab never reached {what}; focus went: {route(path)}", pytrace=False)


def route(path: list[str]) -> str:
    """The focus path for a message, with repeats folded (``textarea (300 times)``: a trap)."""
    folded: list[tuple[str, int]] = []
    for step in path:
        if folded and folded[-1][0] == step:
            folded[-1] = (step, folded[-1][1] + 1)
        else:
            folded.append((step, 1))
    return " -> ".join(step if n == 1 else f"{step} ({n} times)" for step, n in folded)


def active_is(selector: str) -> Callable[[Driver], bool]:
    return lambda b: bool(
        b.execute_script("return document.activeElement.matches(arguments[0])", selector)
    )


def focus_ring(browser: Driver) -> tuple[str, float]:
    """The outline style and width (px) of what has focus, or of the editor around it."""
    style, width = browser.execute_script(
        """const e = document.activeElement;
           const shown = e.closest(".CodeMirror") || e;
           const s = getComputedStyle(shown);
           return [s.outlineStyle, parseFloat(s.outlineWidth)];"""
    )
    return str(style), float(width)


def open_query_page(browser: Driver, url: str) -> WebDriverWait:
    browser.get(url)
    wait = WebDriverWait(browser, WAIT)
    wait.until(lambda b: b.find_element(By.ID, "examples").get_attribute("data-loaded") == "true")
    wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, ".CodeMirror textarea"))
    return wait


def test_skip_link_comes_first_is_visible_and_moves_to_the_content(
    server: str, browser: Driver
) -> None:
    for path in ("/compare?lang=en", "/queries", "/project/ulf", "/accessibility"):
        browser.get(server + path)
        press(browser, Keys.TAB)
        assert active_is("a.skip-link")(browser), f"{path}: first Tab went to {focused(browser)}"
        link = browser.switch_to.active_element
        assert link.is_displayed()
        assert link.rect["y"] >= 0, f"{path}: the focused skip link is off screen"
        assert focus_ring(browser)[0] != "none"
        press(browser, Keys.ENTER)
        assert active_is("main#main")(browser), f"{path}: Enter on it focused {focused(browser)}"
        press(browser, Keys.TAB)  # the next Tab goes on from the content, past the navigation
        assert browser.execute_script(
            "return document.getElementById('main').contains(document.activeElement)"
        ), f"{path}: Tab after the skip link went to {focused(browser)}"


def test_query_page_by_keyboard_reaches_the_editor_and_runs_a_query(
    server: str, browser: Driver
) -> None:
    wait = open_query_page(browser, server + "/?lang=en")
    path = tab_until(browser, active_is("#examples"), "the examples menu")
    assert "skip-link" in path[0], f"the first Tab went to {path[0]}"
    assert focus_ring(browser)[0] != "none"

    path = tab_until(browser, active_is(".CodeMirror textarea"), "the editor")
    style, width = focus_ring(browser)
    assert style != "none" and width >= 2, "the focused editor shows no focus ring"
    label = browser.execute_script(
        "const ids = document.activeElement.getAttribute('aria-labelledby');"
        "return ids && document.getElementById(ids).textContent"
    )
    assert label == "SPARQL query"

    # Type a query as a person would: select all, then type over it.
    query = (
        "SELECT ?partner WHERE { ?partner a <https://w3id.org/samverkan-kg/ontology#University> }"
    )
    chord(browser, Keys.CONTROL, "a")
    press(browser, Keys.DELETE)
    press(browser, query)
    assert browser.execute_script("return window.samverkanEditor.getValue()") == query

    # Tab leaves the editor (inserting nothing) and reaches the run button; Enter runs.
    path = tab_until(browser, active_is("#run"), "the run button")
    assert browser.execute_script("return window.samverkanEditor.getValue()") == query
    assert len(path) <= 3, f"the run button is far from the editor: {route(path)}"
    style, width = focus_ring(browser)
    assert style != "none" and width >= 2, "the focused run button shows no focus ring"
    press(browser, Keys.ENTER)
    wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#results-table[data-labelled=done]"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#results-table tbody tr")
    assert len(rows) >= 2
    assert "rows" in browser.find_element(By.ID, "status").text

    # Shift-Tab goes back into the editor, and Ctrl-Enter there runs the query too.
    browser.execute_script("document.getElementById('results').replaceChildren()")
    for _ in range(3):
        chord(browser, Keys.SHIFT, Keys.TAB)
        if active_is(".CodeMirror textarea")(browser):
            break
    assert active_is(".CodeMirror textarea")(browser), focused(browser)
    chord(browser, Keys.CONTROL, Keys.ENTER)
    wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#results-table[data-labelled=done]"))


def test_examples_menu_works_by_keyboard(server: str, browser: Driver) -> None:
    open_query_page(browser, server + "/?lang=en")
    tab_until(browser, active_is("#examples"), "the examples menu")
    before = browser.execute_script("return window.samverkanEditor.getValue()")
    press(browser, Keys.ARROW_DOWN)  # a closed <select> changes its value on the arrow keys
    chosen = browser.execute_script("return document.getElementById('examples').value")
    assert chosen, "the arrow key chose no saved question"
    WebDriverWait(browser, WAIT).until(
        lambda b: b.execute_script("return window.samverkanEditor.getValue()") != before
    )
    assert browser.find_element(By.ID, "example-description").text


def test_compare_matrix_links_are_reached_by_keyboard(server: str, browser: Driver) -> None:
    browser.get(server + "/compare?lang=en")
    WebDriverWait(browser, WAIT).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "#sdg-matrix tbody tr")
    )
    tab_until(browser, active_is("#sdg-matrix a"), "a link in the SDG matrix")
    link = browser.switch_to.active_element
    assert focus_ring(browser)[0] != "none"
    # Focus scrolls the link into view (to within a pixel: the browser scrolls to fractions,
    # e.g. a top of -0.08), and Enter follows it.
    assert browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= -1 && r.bottom <= window.innerHeight + 1",
        link,
    )
    target = link.get_attribute("href")
    press(browser, Keys.ENTER)
    WebDriverWait(browser, WAIT).until(lambda b: b.current_url == target)
    assert browser.find_elements(By.CSS_SELECTOR, "header.resource h1")
