"""Listings at register scale (issue 19): pages of 50 read by SPARQL, the total shown, the
filters, facets and sort kept in every link, facets with counts, and downloads that stream
every row. A graph of 120 projects (typed: read through the type index) and 60 untyped
widgets (read by a scan) is served by the real app, on each embedded backend."""

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from engines import EMBEDDED
from fastapi.testclient import TestClient
from inline_rdf import dataset_from

from service.app import create_app
from service.browse.catalogue import Kind
from service.browse.names import read_names
from service.browse.query import Selection, members
from service.browse.routes import store_kinds
from service.build import build_store
from service.search.index import fold
from service.settings import Settings

BASE = "https://w3id.org/samverkan-kg/"
SKG = "https://w3id.org/samverkan-kg/ontology#"
HTML = {"Accept": "text/html"}
PROJECTS = 120


def graph() -> str:
    lines = [
        f"<{BASE}partner/uni> a <{SKG}University> ; "
        '<http://www.w3.org/2000/01/rdf-schema#label> "Universitetet"@sv .',
        f"<{BASE}partner/town> a <{SKG}Municipality> ; "
        '<http://www.w3.org/2000/01/rdf-schema#label> "Staden"@sv .',
        f"<{BASE}partnership/p> a <{SKG}Partnership> ; "
        f"<http://www.w3.org/ns/org#hasMember> <{BASE}partner/uni>, <{BASE}partner/town> .",
    ]
    for i in range(PROJECTS):
        sdg = "13" if i % 3 == 0 else "4"
        year = 2020 + i % 4
        lines.append(
            f"<{BASE}project/p{i:03}> a <{SKG}Project> ; "
            f'<http://www.w3.org/2000/01/rdf-schema#label> "Projekt {i:03}"@sv, "Project {i:03}"@en ; '
            f"<{SKG}partnership> <{BASE}partnership/p> ; <{SKG}sdg> <http://metadata.un.org/sdg/{sdg}> ; "
            f"<{SKG}start> [ <http://www.w3.org/2006/time#year> "
            f'"{year}"^^<http://www.w3.org/2001/XMLSchema#gYear> ; '
            f'<http://www.w3.org/2000/01/rdf-schema#label> "{year}"@sv, "{year}"@en ] .'
        )
    for i in range(60):
        lines.append(
            f'<{BASE}widget/w{i:02}> <http://www.w3.org/2000/01/rdf-schema#label> "Sak {i:02}"@sv .'
        )
    return "\n".join(lines)


@pytest.fixture(scope="module", params=EMBEDDED)
def client(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    """The real app over the graph, in each embedded backend (the SPARQL is plain 1.1)."""
    store = build_store(dataset_from(graph()), str(request.param))
    with TestClient(create_app(Settings(), store)) as served:
        yield served


def cached_kinds_of(client: TestClient) -> list[Kind]:
    json_page(client, "/project")  # the kinds are read once per store
    return store_kinds(client.app.state, client.app.state.store, BASE)


def json_page(client: TestClient, path: str, **params: object) -> dict[str, Any]:
    answer = client.get(path, params={"format": "json", "lang": "en", "page": 1, **params})
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.mark.parametrize("slug, total", [("project", PROJECTS), ("widget", 60)])
def test_pages_of_fifty_hold_every_row_once_in_order(
    client: TestClient, slug: str, total: int
) -> None:
    pages = [json_page(client, f"/{slug}", page=n) for n in (1, 2, 3)[: -(-total // 50)]]
    assert [p["page"] for p in pages] == list(range(1, len(pages) + 1))
    assert all(p["count"] == p["total"] == total and p["per_page"] == 50 for p in pages)
    assert [len(p["rows"]) for p in pages] == [50] * (len(pages) - 1) + [
        total - 50 * (len(pages) - 1)
    ]
    labels = [fold(r["label"]) for p in pages for r in p["rows"]]
    assert labels == sorted(labels) and len(set(labels)) == total
    assert pages[-1]["pages"] == len(pages)


def test_per_page_and_sort_reach_the_query(client: TestClient) -> None:
    small = json_page(client, "/project", per_page=7, page=3, desc="true")
    assert [r["label"] for r in small["rows"]] == [f"Project {i:03}" for i in range(105, 98, -1)]
    assert small["pages"] == -(-PROJECTS // 7)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"page": "0"}, "page=0: give a whole number from 1"),
        ({"page": "two"}, "page=two: give a whole number from 1"),
        ({"per_page": "501"}, "per_page=501: at most 500"),
        ({"per_page": "-1"}, "per_page=-1: give a whole number from 1"),
        ({"page": "4"}, "page=4: there are 3 page(s) of 50"),
    ],
)
def test_bad_paging_is_a_400_that_says_why(
    client: TestClient, params: dict[str, str], message: str
) -> None:
    answer = client.get("/project", params=params, headers=HTML)
    assert answer.status_code == 400 and answer.text == message


def test_the_page_shows_the_total_and_links_keep_the_address(client: TestClient) -> None:
    page = client.get(
        "/project",
        params={"q": "project", "sort": "type", "sdg": "http://metadata.un.org/sdg/4", "page": 2,
                "per_page": 20, "lang": "en"},
        headers=HTML,
    ).text  # fmt: skip
    assert "21–40 of 80" in page and "(of 120 in all)" in page
    nav = re.search(r'<nav class="pages" aria-label="Pages">(.*?)</nav>', page, re.S)
    assert nav and 'aria-current="page">Page 2 of 4<' in nav.group(1)
    links = dict(re.findall(r'<a href="\?([^"]+)" rel="(\w+)"', nav.group(1).replace("&amp;", "&")))
    wanted = {"q": ["project"], "sort": ["type"], "sdg": ["http://metadata.un.org/sdg/4"],
              "per_page": ["20"], "lang": ["en"]}  # fmt: skip
    for query, rel in links.items():
        kept = parse_qs(query)
        assert {k: v for k, v in kept.items() if k != "page"} == wanted, rel
        assert kept.get("page") == {"first": None, "prev": None, "next": ["3"], "last": ["4"]}[rel]


def test_facets_count_and_combine(client: TestClient) -> None:
    data = json_page(client, "/project")
    facets = {f["key"]: {v["value"]: v["count"] for v in f["values"]} for f in data["facets"]}
    assert facets["sdg"] == {
        "http://metadata.un.org/sdg/4": 80,
        "http://metadata.un.org/sdg/13": 40,
    }
    assert facets["year"] == {"2020": 30, "2021": 30, "2022": 30, "2023": 30}
    assert facets["university"] == {"partner/uni": 120} and facets["partner"] == {
        "partner/town": 120
    }
    both = json_page(
        client, "/project", sdg="http://metadata.un.org/sdg/13", year="2021", per_page=100
    )
    numbers = [int(r["label"][-3:]) for r in both["rows"]]
    assert both["count"] == len(numbers) == 10 and all(n % 3 == 0 and n % 4 == 1 for n in numbers)
    years = {v["value"]: v for f in both["facets"] if f["key"] == "year" for v in f["values"]}
    assert years["2021"]["chosen"] and years["2021"]["count"] == 10
    dropped = parse_qs(urlparse(years["2021"]["href"]).query)
    assert "year" not in dropped and dropped["sdg"] == ["http://metadata.un.org/sdg/13"]
    ours = json_page(client, "/project", university="partner/uni")
    assert ours["count"] == PROJECTS


def test_a_facet_value_is_shown_with_its_count_on_the_page(client: TestClient) -> None:
    page = client.get("/project", params={"lang": "en", "year": "2022"}, headers=HTML).text
    assert re.search(r'<h2 id="facet-year">Year</h2>', page)
    assert re.search(
        r'aria-current="true"[^>]*><span aria-hidden="true">✓ </span>2022</a> <span class="count">30</span>',
        page,
    )
    assert '<a href="/project?lang=en">Show all</a>' in page


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_downloads_stream_every_row(client: TestClient, extension: str) -> None:
    with client.stream(
        "GET", f"/project.{extension}", params={"sdg": "http://metadata.un.org/sdg/4"}
    ) as answer:
        assert answer.status_code == 200
        assert "content-length" not in answer.headers  # streamed, not built whole
        body = answer.read().decode()
    if extension == "csv":
        rows = list(csv.DictReader(io.StringIO(body)))
        assert len(rows) == 80 and rows[0]["Namn"] == "Projekt 001"
    else:
        data = json.loads(body)
        assert data["count"] == len(data["rows"]) == 80 and data["total"] == PROJECTS
    paged = client.get(f"/project.{extension}", params={"per_page": 10, "page": 2})
    assert paged.status_code == 200 and len(
        paged.text.strip().splitlines() if extension == "csv" else paged.json()["rows"]
    ) == (11 if extension == "csv" else 10)


@pytest.mark.parametrize("sort", ["label", "type"])
def test_a_page_reads_only_its_rows(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, sort: str
) -> None:
    """The page reads the cells of its 50 rows only; ordered by name, the order comes from
    the names read once (names.py), else from SPARQL asking for 50 (LIMIT/OFFSET)."""
    store = client.app.state.browse_cache["store"]
    asked: list[str] = []
    original = store.select

    def spy(sparql: str, bindings: object = None) -> object:
        asked.append(sparql)
        return original(sparql, bindings)

    monkeypatch.setattr(store, "select", spy)
    client.get("/project", params={"page": 2, "q": "proj", "sort": sort}, headers=HTML)
    paged = [q for q in asked if q.endswith("LIMIT 50 OFFSET 50")]
    assert len(paged) == (1 if sort == "type" else 0)
    assert not any("ORDER BY" in q and "nameKey" in q for q in asked if q not in paged)
    cells = [q for q in asked if q.startswith("SELECT ?s ?p ?o ?blankLabel")]
    assert cells and all(q.count(f"<{BASE}project/") == 50 for q in cells)


@pytest.mark.parametrize("slug", ["project", "widget"])
@pytest.mark.parametrize("lang, descending", [("en", False), ("sv", True)])
def test_the_order_by_name_is_the_engines(
    client: TestClient, slug: str, lang: str, descending: bool
) -> None:
    """names.py orders as Selection.ordered asks the engine to (language first, then IRI)."""
    kind = next(k for k in cached_kinds_of(client) if k.slug == slug)
    store = client.app.state.browse_cache["store"]
    pattern = members(BASE, slug, slug == "project")
    selection = Selection(pattern, lang, descending=descending)
    engine = [str(row["s"]) for row in store.select(selection.ordered()).rows]
    names = read_names(store, pattern, selection.labels, aliases=False)
    assert names.ordered(lang, descending) == engine and len(engine) == kind.count


@pytest.mark.parametrize("listed", [2000, 3])
def test_a_name_filter_gives_the_same_rows_listed_or_searched(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, listed: int
) -> None:
    """Up to LISTED_MATCHES matches are found once and listed; more are searched per query."""
    monkeypatch.setattr("service.browse.routes.LISTED_MATCHES", listed)
    client.app.state.browse_cache["answers"].clear()
    data = json_page(client, "/project", q="PROJEKT 1", sdg="http://metadata.un.org/sdg/13")
    numbers = sorted(int(r["label"][-3:]) for r in data["rows"])
    wanted = [n for n in range(PROJECTS) if n % 3 == 0 and "1" in f"{n:03}"]  # every word
    assert numbers == wanted and data["count"] == len(wanted)


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "projekt 1"}, {"sdg": "http://metadata.un.org/sdg/13", "year": "2021"},
     {"q": "PROJECT 0", "sdg": "http://metadata.un.org/sdg/4"}, {"year": "1999"}],
)  # fmt: skip
def test_facets_and_rows_by_name_are_the_engines(
    client: TestClient, params: dict[str, str]
) -> None:
    """Ordered by name, a listing's rows and facets come from what is read once per store
    (names.py, facet_index.py); ordered otherwise, the engine counts: the same counts, the
    same rows."""
    by_name = json_page(client, "/project", per_page=500, **params)
    by_engine = json_page(client, "/project", per_page=500, sort="type", **params)

    def counted(page: dict[str, Any]) -> list[tuple[str, list[tuple[str, int, bool]]]]:
        return [
            (f["key"], [(v["value"], v["count"], v["chosen"]) for v in f["values"]])
            for f in page["facets"]
        ]

    assert counted(by_name) == counted(by_engine) and by_name["count"] == by_engine["count"]
    assert sorted(r["iri"] for r in by_name["rows"]) == sorted(r["iri"] for r in by_engine["rows"])
