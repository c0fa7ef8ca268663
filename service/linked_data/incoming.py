"""The links to a resource on its HTML page, a page at a time: a partner of a register-sized
graph is linked from thousands of projects, and one page of them with the count and a pager
(``?incoming_page=N``) serves a reader better than all of them (the RDF still holds all)."""

from dataclasses import dataclass
from typing import Final
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

#: Links a resource page shows at once.
INCOMING_PER_PAGE: Final = 50
#: The address parameter of the page of links shown.
PARAM: Final = "incoming_page"


class BadPage(ValueError):
    """``incoming_page`` is not a page there is (answered 400 with the text)."""


@dataclass(frozen=True)
class IncomingPage:
    """Which links the page shows (``first``–``last`` of ``total``) and the pager's addresses."""

    page: int
    pages: int
    total: int
    nav: dict[str, str | None]

    @property
    def first(self) -> int:
        return (self.page - 1) * INCOMING_PER_PAGE + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.page * INCOMING_PER_PAGE)

    @property
    def offset(self) -> int:
        return (self.page - 1) * INCOMING_PER_PAGE


def incoming_page(params: QueryParams, total: int) -> IncomingPage:
    """The page of links ``params`` ask for among ``total``; :class:`BadPage` if none."""
    text = params.get(PARAM) or "1"
    pages = max(1, -(-total // INCOMING_PER_PAGE))
    if not text.isdigit() or not 1 <= int(text) <= pages:
        raise BadPage(f"{PARAM}={text[:40]}: give a page from 1 to {pages}")
    page = int(text)

    def address(number: int) -> str:
        kept = [(k, v) for k, v in params.multi_items() if k != PARAM]
        kept += [(PARAM, str(number))] if number > 1 else []
        return f"?{urlencode(kept)}#incoming"

    nav = {
        "first": address(1) if page > 1 else None,
        "previous": address(page - 1) if page > 1 else None,
        "next": address(page + 1) if page < pages else None,
        "last": address(pages) if page < pages else None,
    }
    return IncomingPage(page, pages, total, nav)
