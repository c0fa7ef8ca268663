"""Accessibility in the markup of every page kind, without a browser, and the statement.

What axe-core (``tests/test_accessibility_browser.py``) does not check: a skip link to the
content first on every page, the statement linked from every footer, ``lang`` on the page
and on links to the other language, headings in order, every table header cell with a
scope; the SDG colours' contrast with the text on them, computed; CodeMirror's colours as
the query page overrides them; the vendored axe-core being the pinned release.
"""

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from a11y_pages import PAGES
from fastapi.testclient import TestClient
from locations import REPO

from service.app import create_app
from service.compare.svg import (
    FG,
    GRAPHIC_CONTRAST,
    SDG_COLOURS,
    TEXT_CONTRAST,
    WHITE,
    colour,
    contrast,
    edge,
    ink,
)
from service.pages import PAGES_DIR
from service.pages.accessibility import AXE_VERSION, PREPARED, REVIEWED
from service.settings import Settings
from service.store.querying import DatasetStore

AXE_DIR = REPO / "tests" / "a11y" / "vendor" / "axe-core"
REFRESH_SCRIPT = REPO / "scripts" / "refresh_vendor.sh"
HTML = {"Accept": "text/html"}


@dataclass
class Page(HTMLParser):
    """What the accessibility checks need from a page's markup."""

    html_lang: str = ""
    focusable: list[dict[str, str]] = field(default_factory=list)  # a[href], in order
    ids: set[str] = field(default_factory=set)
    main_ids: list[str] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    th_without_scope: int = 0
    switches: list[dict[str, str]] = field(default_factory=list)  # links with hreflang
    footer_links: list[str] = field(default_factory=list)
    _in_footer: bool = False

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "html":
            self.html_lang = values.get("lang", "")
        elif tag == "main":
            self.main_ids.append(values.get("id", ""))
        elif tag == "footer":
            self._in_footer = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "th" and "scope" not in values:
            self.th_without_scope += 1
        elif tag == "a" and "href" in values:
            self.focusable.append(values)
            if "hreflang" in values:
                self.switches.append(values)
            if self._in_footer:
                self.footer_links.append(values["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "footer":
            self._in_footer = False


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def client(curated_store: DatasetStore) -> Iterator[TestClient]:
    """The app over the curated graph (the pages in PAGES name its resources)."""
    with TestClient(create_app(Settings(), curated_store)) as curated:
        yield curated


PATHS = sorted({page.path for page in PAGES.values()})


@pytest.mark.parametrize("path", PATHS)
def test_page_structure(client: TestClient, path: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == (404 if "no-such" in path else 200), response.text[:300]
    page = parse(response.text)
    lang = page.html_lang
    assert lang in ("sv", "en")
    # A skip link first, to the one <main>.
    assert page.focusable[0].get("class") == "skip-link"
    assert page.focusable[0]["href"] == "#main" and page.main_ids == ["main"]
    # The statement from every footer, in the page's language.
    assert f"/accessibility?lang={lang}" in page.footer_links
    # Headings: one h1 first, then no level skipped on the way down.
    assert page.headings and page.headings[0] == 1 and page.headings.count(1) == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"h{before} followed by h{after}: {page.headings}"
    # Every header cell says what it heads.
    assert page.th_without_scope == 0
    # A link to the other language is marked as in that language.
    for link in page.switches:
        assert link.get("lang") == link["hreflang"] != lang, link


@pytest.mark.parametrize(
    ("query", "headers", "lang"),
    [
        ("", {}, "sv"),
        ("?lang=en", {}, "en"),
        ("?lang=sv", {"Accept-Language": "en"}, "sv"),
        ("", {"Accept-Language": "en-GB,en;q=0.9"}, "en"),
        ("", {"Accept-Language": "de, sv;q=0.5"}, "sv"),
    ],
)
def test_statement_language(
    client: TestClient, query: str, headers: dict[str, str], lang: str
) -> None:
    response = client.get("/accessibility" + query, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Accept-Language" in response.headers["vary"]
    assert parse(response.text).html_lang == lang


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "sv",
            (
                "Tillgänglighetsredogörelse",
                "Hur vi har testat",
                "Kända brister",
                "Rapportera ett problem",
                "ärende",
            ),
        ),
        (
            "en",
            (
                "Accessibility statement",
                "How we tested",
                "Known limitations",
                "Report a problem",
                "open an issue",
            ),
        ),
    ],
)
def test_statement_says_what_was_tested_and_how_to_report(
    client: TestClient, lang: str, words: tuple[str, ...]
) -> None:
    text = client.get(f"/accessibility?lang={lang}").text
    for word in (*words, "WCAG 2.1", "AA", f"axe-core\n    {AXE_VERSION}", "Chromium"):
        assert word in text, word
    # No invented contact details: reports go to the project's issue tracker.
    assert "mailto:" not in text and "tel:" not in text
    assert not re.search(r"[\w.]+@[\w-]+\.\w+", text)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sv", ("delvis förenlig", "oskäligt betungande", "Tillsyn", "självskattning",
                "upprättades", "be om innehåll i tillgänglig form")),
        ("en", ("partially compliant", "disproportionate burden", "Enforcement",
                "self-assessment", "prepared on", "ask for content in an accessible form")),
    ],
)  # fmt: skip
def test_statement_covers_what_the_law_asks(
    client: TestClient, lang: str, words: tuple[str, ...]
) -> None:
    """Lag (2018:1937) and DIGG: compliance status, what is not accessible and why (by WCAG
    criterion), the feedback mechanism, the enforcement procedure, when and how prepared."""
    text = client.get(f"/accessibility?lang={lang}").text
    for word in words:
        assert word in text, word
    for criterion in ("3.1.2", "4.1.2"):
        assert criterion in text
    assert '<a href="https://www.digg.se/tdosanmalan" rel="external">' in text
    assert 'id="report"' in text  # where the catalogue's contact point leads
    assert f"{PREPARED}" in text and f"{REVIEWED}" in text and PREPARED <= REVIEWED


def test_statement_names_the_vendored_axe_release() -> None:
    assert (AXE_DIR / "VERSION").read_text().strip() == AXE_VERSION


def test_vendored_axe_is_the_pinned_release() -> None:
    checked = []
    for line in filter(None, (AXE_DIR / "SHA256SUMS").read_text().split("\n")):
        digest, name = line.split()
        assert hashlib.sha256((AXE_DIR / name).read_bytes()).hexdigest() == digest, name
        checked.append(name)
    assert sorted(checked) == ["LICENSE", "LICENSE-3RD-PARTY.txt", "axe.min.js"]
    version = (AXE_DIR / "VERSION").read_text().strip()
    pinned = re.search(r'^AXE_VERSION="([^"]+)"', REFRESH_SCRIPT.read_text(), re.M)
    assert pinned and pinned.group(1) == version
    assert (AXE_DIR / "axe.min.js").read_text()[:40].startswith(f"/*! axe v{version}")
    assert "Mozilla Public License, version 2.0" in (AXE_DIR / "LICENSE").read_text()
    assert f"axe-core {version}" in (AXE_DIR / "README.md").read_text()


# --- colours ---------------------------------------------------------------------------------


def test_contrast_formula() -> None:
    """WCAG 2.1's ratio: black on white is 21:1, a colour on itself 1:1, #767676 on white 4.54."""
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#5B6475", "#5B6475") == pytest.approx(1)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("number", sorted(SDG_COLOURS))
def test_text_on_each_goal_colour_is_readable(number: int) -> None:
    assert contrast(ink(number), colour(number)) >= TEXT_CONTRAST
    # White, as on the UN's icons, wherever white is readable.
    if contrast(WHITE, colour(number)) >= TEXT_CONTRAST:
        assert ink(number) == WHITE
    # A filled mark stands out from the page: by its colour, or by a dark edge.
    assert contrast(edge(number), WHITE) >= GRAPHIC_CONTRAST
    assert edge(number) in (colour(number), FG)


def test_light_goals_have_dark_text_on_the_page(client: TestClient) -> None:
    html = client.get("/compare?lang=en").text
    for number in SDG_COLOURS:
        header = re.search(
            rf'<th scope="col" class="goal" data-sdg="{number}" style="([^"]*)"', html
        )
        assert header, number
        assert f"background: {colour(number)}; --ink: {ink(number)}" in header.group(1)
    assert ink(7) != WHITE  # the yellow of goal 7 is one of the light ones


def _css_rules(css: str) -> dict[str, str]:
    """selector -> colour of every ``color: #...`` rule (selectors split at commas)."""
    rules = {}
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        found = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})\b", body)
        if found:
            for selector in selectors.split(","):
                rules[" ".join(selector.split())] = found.group(1)
    return rules


def _hex6(value: str) -> str:
    value = value.lstrip("#")
    return "#" + ("".join(c * 2 for c in value) if len(value) == 3 else value)


def test_editor_colours_are_readable() -> None:
    """Every CodeMirror colour the vendored stylesheet draws text in below 4.5:1 on white is
    overridden in query.css by one that reaches it (on white and on the gutter's #f7f7f7)."""
    vendored = _css_rules((PAGES_DIR / "static/vendor/yasgui/yasgui.min.css").read_text())
    ours = _css_rules((PAGES_DIR / "static/query.css").read_text())
    weak = {
        selector: value
        for selector, value in vendored.items()
        if (".cm-" in selector or "CodeMirror-linenumber" in selector)
        and "fat-cursor" not in selector
        and contrast(_hex6(value), WHITE) < TEXT_CONTRAST
    }
    assert ".cm-s-default .cm-string-2" in weak  # the orange that failed on the query page
    for selector in weak:
        fixed = ours.get(f".yasqe {selector}")
        assert fixed, f"query.css does not override {selector} ({weak[selector]})"
        assert contrast(_hex6(fixed), WHITE) >= TEXT_CONTRAST
        assert contrast(_hex6(fixed), "#F7F7F7") >= TEXT_CONTRAST
