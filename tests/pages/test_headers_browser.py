"""The Content-Security-Policy in a real Chromium: every page kind works with no violation.

Each page of ``tests/a11y_pages.py`` is loaded from a live server with a listener for
``securitypolicyviolation`` events installed before any of the page's own code runs; the
page must get ready (its editor drawn, its query run, its table filled) and report nothing
blocked. A policy too strict for a page fails here; one too loose fails ``test_headers.py``.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from a11y_pages import PAGES
from live import chromium_driver, require_browser, running_server

require_browser()
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

WAIT = 60
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline')
    + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running_server(["--allow-invalid", "--workers", "1"]) as live:
        yield live.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium_driver(page_load_timeout=WAIT) as driver:
        driver.set_script_timeout(WAIT)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTEN})
        yield driver


def _wait_for(driver: Any, selectors: tuple[str, ...]) -> None:
    for selector in selectors:
        WebDriverWait(driver, WAIT).until(
            lambda d, s=selector: d.find_elements(By.CSS_SELECTOR, s), f"waiting for {selector}"
        )


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_page_works_under_the_policy(kind: str, server: str, browser: Any) -> None:
    page = PAGES[kind]
    browser.get(server + page.path)
    _wait_for(browser, page.ready)
    if page.script:
        browser.execute_script(page.script)
        _wait_for(browser, page.after)
    violations = browser.execute_script("return window.__cspViolations")
    assert violations == [], f"{kind}: {violations}"


def test_an_inline_script_would_be_blocked(server: str, browser: Any) -> None:
    """The listener sees what the policy blocks: a script injected as markup does not run."""
    browser.get(server + "/accessibility?lang=en")
    _wait_for(browser, ("article.statement",))
    browser.execute_script(
        "const s = document.createElement('script');"
        "s.textContent = 'window.__ran = true';"
        "document.body.appendChild(s);"
    )
    WebDriverWait(browser, WAIT).until(
        lambda d: d.execute_script("return window.__cspViolations.length > 0")
    )
    assert browser.execute_script("return window.__ran === undefined")
    assert any(
        v.startswith("script-src-elem blocked inline")
        for v in browser.execute_script("return window.__cspViolations")
    )
