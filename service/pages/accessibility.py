"""``/accessibility``: the accessibility statement, in Swedish or English.

Swedish public bodies publish one for each digital service (lag 2018:1937 om tillgänglighet
till digital offentlig service, from the EU Web Accessibility Directive): what standard the
pages are held to, how that was checked, what is known not to meet it, and how to report a
problem. The language follows the rule of every other page: ``?lang=``, then
Accept-Language, else Swedish.
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
#: When the statement was last reviewed against the pages (ISO date).
REVIEWED: Final = "2026-11-29"


@router.get("/accessibility", response_class=HTMLResponse, summary="Accessibility statement")
def accessibility_statement(request: Request, lang: LangDep) -> Response:
    """The accessibility statement (WCAG 2.1 AA: what was tested, limitations, reporting)."""
    return templates.TemplateResponse(
        request,
        "accessibility.html",
        {"lang": lang, "axe_version": AXE_VERSION, "reviewed": REVIEWED},
        headers={"Vary": "Accept-Language"},
    )
