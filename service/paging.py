"""Pages of rows, as every listing-like page has them: ``?page=`` and ``?per_page=`` (50 a
page, at most 500), the rows shown and the total, and the addresses of the pager's links."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

#: Rows a page shows unless ``per_page`` says otherwise, and the most it may say.
PER_PAGE: Final = 50
MAX_PER_PAGE: Final = 500


class BadPage(ValueError):
    """An address asks for a page it cannot have (answered 400 with the text)."""


def page_number(params: Mapping[str, str], name: str, default: int, most: int | None = None) -> int:
    """The whole number ``params[name]`` (``default`` if absent), from 1 to ``most``."""
    text = params.get(name)
    if text is None or text == "":
        return default
    if not text.isdigit() or int(text) < 1:
        raise BadPage(f"{name}={text}: give a whole number from 1")
    if most is not None and int(text) > most:
        raise BadPage(f"{name}={text}: at most {most}")
    return int(text)


@dataclass(frozen=True)
class Paging:
    """Page ``page`` of ``count`` rows, ``per_page`` a page."""

    page: int
    per_page: int
    count: int

    @classmethod
    def asked(cls, params: Mapping[str, str], count: int) -> "Paging":
        """The page the address asks for, checked against ``count`` (raises :class:`BadPage`)."""
        page = page_number(params, "page", 1)
        per_page = page_number(params, "per_page", PER_PAGE, MAX_PER_PAGE)
        paging = cls(page, per_page, count)
        if page > paging.pages:
            are = "is" if paging.pages == 1 else "are"
            raise BadPage(f"page={page}: there {are} {paging.pages} page(s) of {per_page}")
        return paging

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def first(self) -> int:
        """The number of the page's first row (0 when there is none)."""
        return self.offset + 1 if self.count > self.offset else 0

    @property
    def last(self) -> int:
        return min(self.count, self.offset + self.per_page)

    def nav(self, address: Callable[[int], str]) -> dict[str, str | None]:
        """The pager's links (None where there is no such page); ``address(n)`` is page n's."""
        page, pages = self.page, self.pages
        return {
            "first": address(1) if page > 1 else None,
            "previous": address(page - 1) if page > 1 else None,
            "next": address(page + 1) if page < pages else None,
            "last": address(pages) if page < pages else None,
        }
