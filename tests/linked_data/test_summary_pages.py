"""A partner's summary pages each part with many members (issue 19): 50 by default,
``?part=units&page=2`` (``&per_page=``, at most 500), the total shown, a pager per part
named after it; a page that cannot be is a 400 with the reason."""

import re

import pytest
from fastapi.testclient import TestClient

PARTNER = "/partner/linkopings-universitet"
HTML = {"Accept": "text/html"}


def part(html: str, key: str) -> str:
    start = html.index(f'id="summary-{key}"')
    return html[start : html.index("</section>", start)]


def members(html: str, key: str) -> list[str]:
    return re.findall(r'<li><a href="[^"]*" title="([^"]+)">', part(html, key))


def test_a_part_pages_its_members(curated_client: TestClient) -> None:
    whole = curated_client.get(PARTNER, params={"lang": "en"}, headers=HTML).text
    units = members(whole, "units")
    total = len(units)
    assert total > 4 and f'<span class="count">{total}</span>' in part(whole, "units")
    assert 'aria-label="Pages: Units"' not in whole  # one page: no pager
    asked = {"lang": "en", "part": "units", "per_page": 2}
    first = curated_client.get(PARTNER, params=asked, headers=HTML).text
    assert members(first, "units") == units[:2]
    assert f'<span class="count">{total}</span>' in part(first, "units")
    assert f"1–2 of {total}" in part(first, "units")
    assert '<nav class="pages" aria-label="Pages: Units">' in part(first, "units")
    following = re.search(r'<a href="([^"]+)" rel="next">', part(first, "units"))
    assert following is not None
    second = curated_client.get(
        PARTNER + following.group(1).replace("&amp;", "&"), headers=HTML
    ).text
    assert members(second, "units") == units[2:4]
    assert members(second, "partnerships") == members(whole, "partnerships")  # others whole


@pytest.mark.parametrize(
    "bad",
    [{"part": "nothing"}, {"part": "units", "page": "99"}, {"part": "units", "per_page": "501"}],
)
def test_a_part_page_that_cannot_be_is_a_400(
    curated_client: TestClient, bad: dict[str, str]
) -> None:
    answer = curated_client.get(PARTNER, params=bad, headers=HTML)
    assert answer.status_code == 400 and answer.text.strip()
