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
#: A query whose answer draws as bars (names and numbers), shown in the chart view.
CHART_QUERY = "SELECT%20%3Fkind%20(COUNT(%3Fs)%20AS%20%3Fn)%20WHERE%20%7B%20%3Fs%20a%20%3Fkind%20%7D%20GROUP%20BY%20%3Fkind"
SHOW_CHART = (
    "new MutationObserver((_, o) => { const b = document.querySelector("
    "'#views button[data-view=chart]'); if (b && !document.getElementById('views').hidden) "
    "{ b.click(); o.disconnect(); } }).observe(document.body, {subtree: true, attributes: true})"
)
CHART_READY = ("#chart[data-chart=bars] canvas",)
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
    "compare-grouped": Page(
        "/compare?lang=en&all=true&group=university", ("#sdg-matrix tr.group",)
    ),
    "compare-none": Page("/compare?year=1999", ("form.choice",)),
    "query-shared-snippets": Page(
        "/?lang=en&query=" + CHART_QUERY,
        (*QUERY_READY, "#shared-note"),
        "document.getElementById('snippets').open = true",
        ("#snippet-r:not(:empty)",),
    ),
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
    "query-chart": Page(
        "/?lang=en&query=" + CHART_QUERY, QUERY_READY, RUN_QUERY + ";" + SHOW_CHART, CHART_READY
    ),
    "unit": Page("/unit/liu-tema-teknik-och-social-forandring", RESOURCE_READY),
    "partner-sv": Page("/partner/linkopings-universitet", ("section.summary",)),
    "browse": Page("/browse", ("ul.kinds",)),
    "browse-en": Page("/browse?lang=en", ("ul.kinds",)),
    "listing": Page("/project", ("table.listing",)),
    "listing-sorted": Page("/event?lang=en&sort=type&desc=true&q=a", ("table.listing",)),
    "listing-empty": Page("/partner?q=zzzz", ("form.listing-filter",)),
    "listing-paged": Page("/project?lang=en&year=2021&per_page=4&page=2", ("nav.pages",)),
    "listing-facets": Page(
        "/agreement?kind=https://w3id.org/samverkan-kg/ontology%23CollaborationAgreement",
        ("details.facets",),
    ),
    "search": Page("/search?q=linkoping", ("ol.search-results",)),
    "search-paged": Page(
        "/search?q=linkoping&limit=5&page=2&lang=en",
        ("ol.search-results",),
    ),
    "search-empty": Page("/search?q=zzzz&lang=en", ("#search-summary",)),
    "search-start": Page("/search", ("form.search-page",)),
    "validate-form": Page("/validate", ("form.upload",)),
    "validate-report": Page("/validate?lang=en", ("form.upload",), VALIDATE, ("table.problems",)),
    "catalog": Page("/catalog?format=html&lang=en", RESOURCE_READY),
    "judged-resource": Page("/area/lk-hallbar-tillvaxt?lang=en", ("details.claim",)),
    "judged-listing": Page("/membership", ("details.claim",)),
    "judged-question": Page("/queries/stated-and-curated-links?format=html", ("table.results",)),
    "stated-only": Page("/area/lk-hallbar-tillvaxt?stated=only", (".stated-switch",)),
    "question-paged": Page(
        "/queries/projects-per-sdg?format=html&lang=en&per_page=3&page=2", ("nav.pages",)
    ),
    "partner-paged": Page(
        "/partner/linkopings-universitet?lang=en&part=units&per_page=2&page=2", ("section.summary",)
    ),
    "goal": Page("/sdg/5", ("nav.goal-kinds", "table.listing")),
    "goal-paged": Page("/sdg/5?lang=en&kind=project&per_page=3&page=2", ("nav.pages",)),
    "goal-empty": Page("/sdg/13?lang=en", ("nav.goal-kinds",)),
    "goals": Page("/sdg?lang=en", RESOURCE_READY),
    "external": Page("/external?iri=http://www.w3.org/ns/org%23Site", RESOURCE_READY),
}
