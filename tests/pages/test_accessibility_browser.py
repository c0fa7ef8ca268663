"""Every page kind checked by axe-core in a real headless Chromium (WCAG 2.0/2.1 A and AA).

axe-core is the npm package's ``axe.min.js``, vendored with its licence in
``tests/a11y/vendor/axe-core/`` (``scripts/refresh_vendor.sh axe-core``); it is injected into
each page after the page is ready and run with the WCAG 2.x A/AA tags only. Any violation
fails the test with a readable list: rule, impact, what it checks, and each element's
selector and axe's summary of what is wrong.

A new page kind is one more line in ``PAGES`` (``tests/a11y_pages.py``). What axe cannot see (keyboard use, focus,
skip links, ``lang``) is in ``tests/pages/test_keyboard_browser.py`` and ``tests/pages/test_accessibility.py``.

Needs the Debian packages ``chromium`` and ``chromium-driver`` and the PyPI package
``selenium``; skips, saying which is missing, otherwise — fails on CI (see ``tests/live.py``).
"""

from collections.abc import Iterator
from typing import Any

import pytest
from a11y_pages import PAGES, WCAG_TAGS
from live import chromium_driver, require_browser, running_server
from locations import REPO

require_browser()  # skips the module saying what is missing (fails on CI)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

AXE_DIR = REPO / "tests" / "a11y" / "vendor" / "axe-core"
WAIT = 60  # seconds; generous for a loaded 2-core CI machine


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``samverkan serve`` on the curated graph, on a free loopback port; its base URL."""
    # --allow-invalid: this test is about the pages; SHACL conformance is tested elsewhere.
    with running_server(["--allow-invalid", "--workers", "1"]) as live:
        yield live.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium_driver(window_size=(1280, 1000), page_load_timeout=WAIT) as driver:
        driver.set_script_timeout(WAIT)
        yield driver


@pytest.fixture(scope="module")
def axe_source() -> str:
    return (AXE_DIR / "axe.min.js").read_text(encoding="utf-8")


def _ready(browser: Any, selectors: tuple[str, ...]) -> None:
    wait = WebDriverWait(browser, WAIT)
    for selector in selectors:
        wait.until(lambda b, s=selector: b.find_elements(By.CSS_SELECTOR, s))


#: Runs axe on the document; answers the violations, reduced to what a report needs.
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then((results) => done({
    version: axe.version,
    violations: results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, tags: v.tags,
      nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
    })),
  }))
  .catch((error) => done({error: String(error)}));
"""


def run_axe(browser: Any, axe_source: str) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.x A/AA violations on the page the browser shows."""
    browser.execute_script(axe_source)
    answer = browser.execute_async_script(RUN_AXE, list(WCAG_TAGS))
    assert "error" not in answer, answer.get("error")
    assert answer["version"] == (AXE_DIR / "VERSION").read_text().strip()
    return list(answer["violations"])


def report(violations: list[dict[str, Any]]) -> str:
    """One block per rule: id, impact, help text; then each failing element and why."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)]")
        for node in v["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_has_no_wcag_violations(server: str, browser: Any, axe_source: str, kind: str) -> None:
    page = PAGES[kind]
    browser.get(server + page.path)
    _ready(browser, page.ready)
    if page.script:
        browser.execute_script(page.script)
        _ready(browser, page.after)
    violations = run_axe(browser, axe_source)
    count = sum(len(v["nodes"]) for v in violations)
    assert not violations, (
        f"axe-core found {count} failing element(s) on {kind} ({page.path}):\n{report(violations)}"
    )
