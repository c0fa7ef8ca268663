"""The static site in Chromium from ``file://``: its home passes axe-core's WCAG 2.1 AA rules,
and a reader can follow its links from file to file with the styles applied.

Needs Debian's ``chromium`` and ``chromium-driver`` (skips saying so, fails on CI).
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from live import chromium_driver, require_browser

require_browser()

from locations import REPO  # noqa: E402
from pages.test_accessibility_browser import report, run_axe  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

AXE = REPO / "tests" / "a11y" / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium_driver() as driver:
        driver.set_script_timeout(60)
        yield driver


@pytest.mark.parametrize("page", ["index.html", "index.en.html"])
def test_the_home_has_no_wcag_violations(site: Path, browser: Any, page: str) -> None:
    browser.get((site / page).as_uri())
    violations = run_axe(browser, AXE.read_text(encoding="utf-8"))
    assert not violations, report(violations)


def test_links_work_from_files(site: Path, browser: Any) -> None:
    browser.get((site / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, 'a[href="project/ulf.html"]').click()
    assert browser.current_url == (site / "project" / "ulf.html").as_uri()
    heading = browser.find_element(By.CSS_SELECTOR, "header.resource h1").text
    assert heading.startswith("ULF-projektet")
    # The stylesheet loaded from the relative path: the skip link is moved off-screen.
    skip = browser.find_element(By.CSS_SELECTOR, "a.skip-link")
    assert skip.value_of_css_property("position") == "absolute"
    browser.find_element(By.CSS_SELECTOR, 'a[hreflang="en"]').click()
    assert browser.current_url.endswith("/project/ulf.en.html")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
