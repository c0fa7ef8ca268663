"""The links to a resource on its HTML page, a page at a time: a partner of a register-sized
graph is linked from thousands of projects, and one page of them with the count and a pager
(``?incoming_page=N``) serves a reader better than all of them (the RDF still holds all)."""

from dataclasses import dataclass
from typing import Final
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from ..paging import BadPage, Paging

#: Links a resource page shows at once.
INCOMING_PER_PAGE: Final = 50
#: The address parameter of the page of links shown.
PARAM: Final = "incoming_page"


@dataclass(frozen=True)
class IncomingPage:
    """Which links the page shows, and the pager's addresses."""

    paging: Paging
    nav: dict[str, str | None]


def incoming_page(params: QueryParams, total: int) -> IncomingPage:
    """The page of links ``params`` ask for among ``total``; :class:`BadPage` if none."""
    text = params.get(PARAM) or "1"
    paging = Paging(int(text) if text.isdigit() else 0, INCOMING_PER_PAGE, total)
    if not 1 <= paging.page <= paging.pages:
        raise BadPage(f"{PARAM}={text[:40]}: give a page from 1 to {paging.pages}")

    def address(number: int) -> str:
        kept = [(k, v) for k, v in params.multi_items() if k != PARAM]
        kept += [(PARAM, str(number))] if number > 1 else []
        return f"?{urlencode(kept)}#incoming"

    return IncomingPage(paging, paging.nav(address))
