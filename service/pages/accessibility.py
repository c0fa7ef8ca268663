"""``/accessibility``: the accessibility statement, in Swedish or English.

Swedish public bodies publish one for each digital service (lag 2018:1937 om tillgänglighet
till digital offentlig service, from the EU Web Accessibility Directive; DIGG's requirements
on the statement): whether the service complies (here: partially), what is not accessible
and why (each failure named by its WCAG criterion, what lies outside the law's scope, no
claim of disproportionate burden), how to report a problem or ask for content in an
accessible form (the feedback mechanism), the enforcement procedure (DIGG, the supervisory
authority, and its form), and when and how the statement was prepared. The language follows
the rule of every other page: ``?lang=``, then Accept-Language, else Swedish.
"""

from typing import Final

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from ..deps import LangDep
from . import templates

router = APIRouter(tags=["pages"])

#: The axe-core release the pages are checked with (tests/a11y/vendor/axe-core/VERSION;
#: tests/pages/test_accessibility.py keeps the two equal).
AXE_VERSION: Final = "4.14.1"
#: When the statement was first prepared (its first commit) and last reviewed (ISO dates).
PREPARED: Final = "2026-11-29"
REVIEWED: Final = "2026-12-04"
#: Where DIGG, the supervisory authority, takes reports of inaccessible public services.
DIGG_REPORT: Final = "https://www.digg.se/tdosanmalan"


@router.get("/accessibility", response_class=HTMLResponse, summary="Accessibility statement")
def accessibility_statement(request: Request, lang: LangDep) -> Response:
    """The accessibility statement (WCAG 2.1 AA: what was tested, limitations, reporting)."""
    return templates.TemplateResponse(
        request,
        "accessibility.html",
        {
            "lang": lang,
            "axe_version": AXE_VERSION,
            "prepared": PREPARED,
            "reviewed": REVIEWED,
            "digg_report": DIGG_REPORT,
        },
        headers={"Vary": "Accept-Language"},
    )
