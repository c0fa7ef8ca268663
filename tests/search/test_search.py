"""``GET /search?q=`` (issue 11): labels in Swedish and English, any case or accent, ranked,
as JSON and as a page; the header of every page carries the search box."""

import re

import pytest
from fastapi.testclient import TestClient

from service.search.index import fold

BASE = "https://w3id.org/samverkan-kg/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def client(curated_client: TestClient) -> TestClient:
    return curated_client


def results(client: TestClient, q: str, **params: str) -> list[dict[str, object]]:
    response = client.get("/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    found: list[dict[str, object]] = response.json()["results"]
    return found


def test_fold_drops_case_and_diacritics() -> None:
    assert fold("Linköpings  KOMMUN") == "linkopings kommun"
    assert fold("Östergötland") == fold("ostergotland") == "ostergotland"


@pytest.mark.parametrize("q", ["linkoping", "LINKÖPING", "Linköping", "linköping"])
def test_case_and_diacritics_do_not_matter(client: TestClient, q: str) -> None:
    iris = [r["iri"] for r in results(client, q)]
    assert BASE + "partner/linkopings-universitet" in iris
    assert BASE + "partner/linkopings-kommun" in iris


def test_whole_name_ranks_first_and_words_must_all_occur(client: TestClient) -> None:
    found = results(client, "hallbar tillvaxt")
    assert found, "Hållbar tillväxt is a collaboration area"
    assert found[0]["label"] == "Hållbar tillväxt" and found[0]["rank"] == 0
    assert [r["rank"] for r in found] == sorted(r["rank"] for r in found)  # type: ignore[type-var]
    assert all("tillväxt" in str(r["matched"]).lower() for r in found)
    assert results(client, "hallbar zzzz") == []


def test_english_labels_are_searched_and_shown_in_the_reader_language(client: TestClient) -> None:
    found = results(client, "sustainable cities", lang="sv")
    assert found and found[0]["iri"] == "http://metadata.un.org/sdg/11"
    assert found[0]["label"] != found[0]["matched"]  # shown in Swedish, matched in English
    assert found[0]["lang"] == "sv" and found[0]["matched_lang"] == "en"
    english = results(client, "sustainable cities", lang="en")
    assert english[0]["label"] == english[0]["matched"]


def test_hits_say_their_kind_and_page(client: TestClient) -> None:
    (ulf,) = [r for r in results(client, "ulf", lang="en") if r["iri"] == BASE + "project/ulf"]
    assert ulf["href"] == "/project/ulf"
    assert ulf["kinds"] and all(":" not in str(k) for k in ulf["kinds"])  # type: ignore[union-attr]


def test_limit_and_bad_input(client: TestClient) -> None:
    assert len(results(client, "a", limit="3")) == 3
    assert client.get("/search", params={"q": "x" * 201}).status_code == 400
    assert client.get("/search", params={"q": "x", "limit": "0"}).status_code == 400
    assert client.get("/search", params={"q": ""}).json()["results"] == []


def test_page_lists_hits_with_links(client: TestClient) -> None:
    page = client.get(
        "/search", params={"q": "linkoping", "lang": "en"}, headers={"Accept": BROWSER}
    )
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="en">' in page.text
    assert 'href="/partner/linkopings-universitet?lang=en"' in page.text
    assert 'value="linkoping"' in page.text  # the header's box shows the words searched
    assert 'href="/search?q=linkoping&amp;format=json"' in page.text
    none = client.get("/search", params={"q": "qqqq"}, headers={"Accept": BROWSER})
    assert "Inga träffar" in none.text


@pytest.mark.parametrize("path", ["/", "/queries?format=html", "/compare", "/project/ulf",
                                  "/accessibility", "/search"])  # fmt: skip
def test_every_page_has_the_search_box_in_its_header(client: TestClient, path: str) -> None:
    page = client.get(path, headers={"Accept": BROWSER}).text
    header = re.search(r'<header class="site">(.*?)</header>', page, re.S)
    assert header, path
    assert re.search(r'<form class="site-search" role="search" action="/search"', header.group(1))
    assert '<label for="site-search">' in header.group(1)


def test_a_name_of_a_partnership_agreement_or_organisation_comes_first(
    client: TestClient,
) -> None:
    """ "Norrköping" named the partnership 13th and the agreement 14th (issue 19)."""
    top = [r["iri"] for r in results(client, "Norrköping")][:3]
    assert set(top) == {
        BASE + "partner/norrkopings-kommun",
        BASE + "partnership/liu-norrkopings-kommun",
        BASE + "agreement/liu-norrkopings-kommun-2017",
    }
    assert top[0] == BASE + "partner/norrkopings-kommun"  # the name itself before mentions


def test_descriptions_are_searched_after_names(client: TestClient) -> None:
    found = results(client, "praktiknära forskning", lang="sv")
    ulf = [r for r in found if r["iri"] == BASE + "project/ulf"]
    assert ulf and ulf[0]["label"].startswith("ULF") and ulf[0]["rank"] == 3
    assert "praktiknära forskning" in str(ulf[0]["matched"])


def test_hits_page_and_have_kind_facets(client: TestClient) -> None:
    every = client.get("/search", params={"q": "linkoping", "limit": 500}).json()
    assert every["total"] == len(every["results"]) > 12
    second = client.get("/search", params={"q": "linkoping", "limit": 5, "page": 2}).json()
    assert second["page"] == 2 and second["pages"] == -(-every["total"] // 5)
    assert [r["iri"] for r in second["results"]] == [r["iri"] for r in every["results"][5:10]]
    kinds = {k["iri"]: k for k in every["kinds"]}
    university = kinds["https://w3id.org/samverkan-kg/ontology#University"]
    assert university["count"] >= 1 and "kind=" in university["href"]
    only = client.get("/search", params={"q": "linkoping", "kind": university["iri"]}).json()
    assert only["total"] == university["count"]
    assert all(university["iri"] in r["types"] for r in only["results"])
    assert client.get("/search", params={"q": "linkoping", "page": 99}).status_code == 400
