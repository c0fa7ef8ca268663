"""A resource linked from many shows one page of the links to it (issue 19): the count, the
first 50, and a pager to the others; its RDF still holds every link. Real app, inline data."""

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from service.app import create_app
from service.publishing.site import build_site
from service.settings import Settings
from service.store.base import Store

BASE = "https://w3id.org/samverkan-kg/"
SKG = "https://w3id.org/samverkan-kg/ontology#"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
HTML = {"Accept": "text/html"}
PROJECTS = 120


def graph() -> str:
    lines = [f'<{BASE}partnership/p> a <{SKG}Partnership> ; {LABEL} "Partnerskapet"@sv .']
    lines += [
        f'<{BASE}project/p{i:03}> a <{SKG}Project> ; {LABEL} "Projekt {i:03}"@sv ; '
        f"<{SKG}partnership> <{BASE}partnership/p> ."
        for i in range(PROJECTS)
    ]
    return "\n".join(lines)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client(graph())


def linked(page: str) -> list[str]:
    section = page[page.index('<section class="incoming"') :]
    section = section[: section.index("</section>")]
    return re.findall(r">(Projekt \d{3})</a>", section)


def test_a_page_shows_fifty_links_the_count_and_a_way_to_the_rest(client: TestClient) -> None:
    seen: list[str] = []
    address = "/partnership/p?lang=en"
    for number in (1, 2, 3):
        page = client.get(address, headers=HTML)
        assert page.status_code == 200
        text = page.text
        assert re.search(
            r'<h2 id="incoming-heading">Links here <span class="count">120</span>', text
        )
        first, last = 50 * (number - 1) + 1, min(PROJECTS, 50 * number)
        assert f"Links {first}–{last} of 120" in text
        names = linked(text)
        assert len(names) == last - first + 1
        seen += names
        following = re.search(r'<a href="(\?[^"]+)" rel="next">', text)
        if number < 3:
            assert following, number
            address = "/partnership/p" + following.group(1).replace("&amp;", "&")
            assert "lang=en" in address and f"incoming_page={number + 1}" in address
        else:
            assert following is None
    assert sorted(seen) == [f"Projekt {i:03}" for i in range(PROJECTS)]


def test_the_rdf_holds_every_link(client: TestClient) -> None:
    answer = client.get("/partnership/p", headers={"Accept": "text/turtle"})
    described = Graph().parse(data=answer.text, format="turtle")
    links = set(described.subjects(URIRef(SKG + "partnership"), URIRef(BASE + "partnership/p")))
    assert len(links) == PROJECTS


def test_a_resource_with_few_links_has_no_pager(client: TestClient) -> None:
    text = client.get("/project/p007", params={"lang": "en"}, headers=HTML).text
    assert '<nav class="pages"' not in text and "Links here" not in text  # none link to it
    text = client.get("/partnership/p", params={"lang": "sv", "incoming_page": 3},
                      headers=HTML).text  # fmt: skip
    assert "Länkar 101–120 av 120" in text and len(linked(text)) == 20


@pytest.mark.parametrize("value", ["0", "4", "two", "-1"])
def test_a_page_of_links_that_is_not_there_is_a_400_that_says_why(
    client: TestClient, value: str
) -> None:
    answer = client.get("/partnership/p", params={"incoming_page": value}, headers=HTML)
    assert answer.status_code == 400
    assert answer.text == f"incoming_page={value}: give a page from 1 to 3"


def test_the_static_site_writes_each_page_of_links(make_store: Callable[..., Store]) -> None:
    """`samverkan site` crawls the pager: each page of links is a file, linked from the one
    before (the site's pages are the app's own, rendered in-process)."""
    files = build_site(create_app, make_store(graph()), Settings(), "https://example.org/site/")
    pages = [f"partnership/p{extra}.html" for extra in ("", ".incoming_page-2", ".incoming_page-3")]
    assert all(name in files for name in pages), sorted(n for n in files if "partnership" in n)
    first = files[pages[0]].decode("utf-8")
    following = re.search(r'<a href="([^"]+)" rel="next">', first)
    assert following and following.group(1).endswith("p.incoming_page-2.html#incoming")
    assert "Länkar 101–120 av 120" in files[pages[2]].decode("utf-8")
