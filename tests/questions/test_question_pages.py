"""Saved-question pages page their rows, and a cut answer says so (issue 19).

``/queries/NAME`` shows 50 rows a page (``?page=``, ``?per_page=`` up to 500) with the total
and the listings' pager; an answer cut at ``SAMVERKAN_MAX_ROWS`` says so in its JSON body
(``truncated``, ``max_rows``), on its page and in the ``X-Result-Truncated`` header."""

import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from service.store.base import Store

QUESTION = "/queries/projects-per-sdg"


def rows_of(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.findall(r"<tr>(.*?)</tr>", body, re.S)


@pytest.fixture(scope="module")
def whole(curated_client: TestClient) -> list[dict[str, object]]:
    answer = curated_client.get(QUESTION, params={"format": "json"})
    assert "truncated" not in answer.json() and "x-result-truncated" not in answer.headers
    rows: list[dict[str, object]] = answer.json()["results"]["bindings"]
    assert len(rows) > 5
    return rows


@pytest.fixture(scope="module")
def capped(curated_store: Store) -> Iterator[TestClient]:
    """The app with answers cut at 5 rows (``SAMVERKAN_MAX_ROWS=5``)."""
    with TestClient(create_app(Settings(max_rows=5), curated_store)) as client:
        yield client


def test_a_question_page_pages_its_rows(
    curated_client: TestClient, whole: list[dict[str, object]]
) -> None:
    total = len(whole)
    first = curated_client.get(QUESTION, params={"format": "html", "lang": "en", "per_page": 2})
    assert first.status_code == 200
    assert len(rows_of(first.text)) == 2
    assert f">1–2 of {total}</p>" in first.text
    assert '<nav class="pages" aria-label="Pages">' in first.text
    following = re.search(r'<a href="([^"]+)" rel="next">', first.text)
    assert following is not None and "page=2" in following.group(1)
    second = curated_client.get(QUESTION + following.group(1).replace("&amp;", "&"))
    assert f">3–4 of {total}</p>" in second.text
    assert not set(rows_of(second.text)) & set(rows_of(first.text))
    default = curated_client.get(QUESTION, params={"format": "html"})
    assert len(rows_of(default.text)) == min(total, 50)


@pytest.mark.parametrize(
    "bad", [{"page": "0"}, {"page": "99"}, {"per_page": "501"}, {"per_page": "x"}]
)
def test_a_page_that_cannot_be_is_a_400(curated_client: TestClient, bad: dict[str, str]) -> None:
    answer = curated_client.get(QUESTION, params={"format": "html", **bad})
    assert answer.status_code == 400 and 'role="alert"' in answer.text


def test_a_cut_answer_says_so_in_its_json(capped: TestClient) -> None:
    for params in ({"format": "json"}, {"format": "json", "labels": "true"}):
        answer = capped.get(QUESTION, params=params)
        assert answer.status_code == 200
        assert answer.headers["x-result-truncated"] == "true"
        assert answer.headers["x-sparql-maxrows"] == "5"
        body = json.loads(answer.text)
        assert body["truncated"] is True and body["max_rows"] == 5
        assert len(body["results"]["bindings"]) == 5


def test_a_cut_answer_says_so_on_its_page_and_in_csv_headers(capped: TestClient) -> None:
    page = capped.get(QUESTION, params={"format": "html", "lang": "en"})
    note = re.search(r'<p class="cut" role="note" data-max-rows="5">(.*?)</p>', page.text, re.S)
    assert note is not None and "cut" in note.group(1)
    assert len(rows_of(page.text)) == 5
    csv = capped.get(QUESTION, params={"format": "csv"})
    assert csv.headers["x-result-truncated"] == "true" and csv.text.count("\n") == 6


def test_an_uncut_answer_says_nothing(curated_client: TestClient) -> None:
    page = curated_client.get(QUESTION, params={"format": "html"})
    assert 'class="cut"' not in page.text
