"""The page kinds the accessibility tests check: one line per kind of HTML page.

A plain module, not a test module: ``tests/pages/test_accessibility_browser.py`` runs axe-core on
each page in Chromium, ``tests/pages/test_accessibility.py`` checks their markup (skip link,
``lang``, headings, table headers, the statement's link). When a new kind of page is built,
add a line to ``PAGES``.
"""

from dataclasses import dataclass

#: The WCAG 2.0 and 2.1 success criteria of levels A and AA (axe-core's tags for them).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

#: The query page is ready when its editor is drawn and its examples are loaded.
QUERY_READY = (".CodeMirror textarea", "#examples[data-loaded=true]")
#: A resource page that found its resource (the 404 page has no such header).
RESOURCE_READY = ("header.resource",)
#: Run the editor's query (the page's own run button) and wait for the labelled table.
RUN_QUERY = "document.getElementById('run').click()"
RESULTS_READY = ("#results-table[data-labelled=done]",)
#: Send an incomplete project to /validate and show the report page in place of the form.
VALIDATE = (
    "fetch('/validate?format=html&lang=en', {method: 'POST', headers: {'Content-Type': "
    "'text/turtle'}, body: '<https://w3id.org/samverkan-kg/project/x> a "
    "<https://w3id.org/samverkan-kg/ontology#Project> .'}).then(r => r.text())"
    ".then(t => { document.open(); document.write(t); document.close(); })"
)


@dataclass(frozen=True)
class Page:
    """A page kind: its path on the curated graph, the CSS selectors that show the page is
    ready in a browser, and optionally JavaScript to run first (then wait for ``after``)."""

    path: str
    ready: tuple[str, ...] = ("main",)  # CSS selectors that must all match before axe runs
    script: str | None = None  # JavaScript to run once ready (then wait for ``after``)
    after: tuple[str, ...] = ()


#: Every page kind the service renders as HTML, one line each.
PAGES: dict[str, Page] = {
    "query-sv": Page("/?lang=sv", QUERY_READY),
    "query-en": Page("/?lang=en", QUERY_READY),
    "query-results": Page("/?lang=sv", QUERY_READY, RUN_QUERY, RESULTS_READY),
    "compare-sv": Page("/compare?lang=sv", ("#sdg-matrix tbody tr",)),
    "compare-en": Page("/compare?lang=en", ("#sdg-matrix tbody tr",)),
    "project": Page("/project/ulf", RESOURCE_READY),
    "partner": Page("/partner/linkopings-universitet?lang=en", RESOURCE_READY),
    "agreement": Page("/agreement/liu-region-ostergotland-2017", RESOURCE_READY),
    "dataset": Page("/.well-known/void", RESOURCE_READY),
    "ontology": Page("/ontology", ("section.terms",)),
    "not-found": Page("/project/no-such-project", ("article.missing",)),
    "queries": Page("/queries?format=html", (".question-list",)),
    "question": Page("/queries/projects-per-sdg?format=html&lang=en", ("table.results",)),
    "question-form": Page("/queries/in-force-on-date?format=html", ("form.params",)),
    "accessibility-sv": Page("/accessibility?lang=sv", ("article.statement",)),
    "accessibility-en": Page("/accessibility?lang=en", ("article.statement",)),
    "validate-form": Page("/validate", ("form.upload",)),
    "validate-report": Page("/validate?lang=en", ("form.upload",), VALIDATE, ("table.problems",)),
}
