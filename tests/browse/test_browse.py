"""Browsing without SPARQL (issue 11): /browse lists the kinds and their counts; /{kind}
lists one kind with labels, key columns, a filter, sorting and CSV/JSON; a resource IRI
always wins over a listing (the linked-data router hands over only where nothing is known)."""

import csv
import io
import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

BASE = "https://w3id.org/samverkan-kg/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def client(curated_client: TestClient) -> TestClient:
    return curated_client


def count_of(client: TestClient, slug: str) -> int:
    query = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{BASE}{slug}/')) }}"
    answer = client.get("/sparql", params={"query": query, "format": "json"}).json()
    return int(answer["results"]["bindings"][0]["n"]["value"])


def test_home_lists_kinds_with_their_counts(client: TestClient) -> None:
    kinds = {k["kind"]: k for k in client.get("/browse?format=json").json()["kinds"]}
    for slug in ("partner", "project", "agreement", "area", "unit", "event"):
        assert kinds[slug]["count"] == count_of(client, slug) > 0, slug
        assert kinds[slug]["href"] == f"/{slug}"
    page = client.get("/browse", params={"lang": "en"}, headers={"Accept": BROWSER})
    assert page.status_code == 200 and '<html lang="en">' in page.text
    assert re.search(r'href="/project\?lang=en"><span class="kind-name">Projects</span>', page.text)


@pytest.mark.parametrize("slug", ["partner", "project", "agreement", "area", "unit", "event"])
def test_each_kind_lists_all_its_members_with_labels(client: TestClient, slug: str) -> None:
    data = client.get(f"/{slug}", params={"format": "json", "lang": "en"}).json()
    assert data["kind"] == slug and data["total"] == data["count"] == count_of(client, slug)
    assert all(row["iri"].startswith(f"{BASE}{slug}/") for row in data["rows"])
    assert all(row["href"] == "/" + row["iri"][len(BASE) :] for row in data["rows"])
    assert all(row["label"] and not row["label"].startswith("http") for row in data["rows"])
    # by name unless asked otherwise, in the engine's order of the lower-cased names (code
    # points: Å, Ä and Ö after Z, as in Swedish)
    labels = [row["label"].lower() for row in data["rows"]]
    assert labels == sorted(labels)


def test_key_columns_are_named_and_sortable(client: TestClient) -> None:
    data = client.get("/event", params={"format": "json", "lang": "en"}).json()
    keys = [c["key"] for c in data["columns"]]
    assert "skg:date" in keys and all(":" not in c["name"] for c in data["columns"])
    ascending = client.get("/event", params={"format": "json", "sort": "skg:date"}).json()
    descending = client.get(
        "/event", params={"format": "json", "sort": "skg:date", "desc": "true"}
    ).json()
    order = [r["iri"] for r in ascending["rows"] if r["values"]["skg:date"]]
    assert (
        order and order == [r["iri"] for r in descending["rows"] if r["values"]["skg:date"]][::-1]
    )
    bad = client.get("/event", params={"sort": "nope"})
    assert bad.status_code == 400 and "use one of" in bad.text


def test_filter_ignores_case_and_accents(client: TestClient) -> None:
    data = client.get("/partner", params={"format": "json", "q": "LINKOPING"}).json()
    assert {r["label"] for r in data["rows"]} == {"Linköpings kommun", "Linköpings universitet"}
    assert data["total"] > data["count"]


def test_csv_and_json_links_carry_filter_and_sort(client: TestClient) -> None:
    page = client.get(
        "/partner", params={"q": "kommun", "sort": "type"}, headers={"Accept": BROWSER}
    )
    assert page.status_code == 200
    assert 'href="/partner.csv?q=kommun&amp;sort=type"' in page.text
    table = client.get("/partner.csv", params={"q": "kommun"})
    assert table.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert rows and all("kommun" in r["Namn"].lower() for r in rows)  # a filter by name
    assert rows[0].keys() >= {"IRI", "Namn", "Typ"}  # readable headers; JSON keeps the keys
    assert client.get("/partner.json").json()["kind"] == "partner"


def test_page_is_a_sortable_table(client: TestClient) -> None:
    page = client.get(
        "/project", params={"sort": "label", "desc": "true"}, headers={"Accept": BROWSER}
    ).text
    assert 'aria-sort="descending"' in page
    assert '<label for="listing-q">' in page
    assert re.search(r'<th scope="row"><a href="/project/ulf"', page)


def test_resources_win_and_unknown_paths_stay_404(client: TestClient) -> None:
    assert client.get("/project/ulf", headers={"Accept": "text/turtle"}).status_code == 200
    assert client.get("/ontology", headers={"Accept": "text/turtle"}).status_code == 200
    assert client.get("/no-such-kind").status_code == 404
    assert client.get("/partner.xml").status_code == 404


def test_a_new_kind_in_the_data_is_listed_without_code(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(
        f'<{BASE}widget/a> <http://www.w3.org/2000/01/rdf-schema#label> "Sak A"@sv .'
        f'<{BASE}widget/b> <http://www.w3.org/2000/01/rdf-schema#label> "Sak B"@sv .'
    )
    assert client.get("/browse?format=json").json()["kinds"] == [
        {"kind": "widget", "name": "Widget", "count": 2, "href": "/widget"}
    ]
    assert [r["label"] for r in client.get("/widget?format=json").json()["rows"]] == [
        "Sak A",
        "Sak B",
    ]


def test_a_filtered_listing_offers_show_all_not_a_method(client: TestClient) -> None:
    page = client.get("/project", params={"q": "ulf", "lang": "en"}, headers={"Accept": BROWSER})
    assert "built-in method" not in page.text
    assert re.search(r'<a href="/project\?lang=en">Show all</a>', page.text)


def test_dates_are_shown_once(client: TestClient) -> None:
    """A date is a blank node with a label per language: one value, not one per label."""
    data = client.get("/event", params={"format": "json", "lang": "en"}).json()
    dates = [r["values"].get("skg:date", []) for r in data["rows"]]
    assert any(dates) and all(len(cells) <= 1 for cells in dates)
    table = client.get("/event.csv", params={"lang": "en"}).text
    assert "spring 2017" in table and not re.search(r"(\b[\w ]+\d{4}); \1\b", table)


def test_projects_have_the_columns_a_reader_needs(client: TestClient) -> None:
    """Start, status, area, partnership and responsible units, each unit with its side."""
    data = client.get("/project", params={"format": "json", "lang": "en"}).json()
    keys = [c["key"] for c in data["columns"]]
    assert keys == [
        "skg:start",
        "http://www.w3.org/ns/adms#status",
        "skg:withinArea",
        "skg:partnership",
        "skg:responsibleUnit",
    ]
    (ulf,) = [r for r in data["rows"] if r["iri"] == BASE + "project/ulf"]
    units = {c["text"] for c in ulf["values"]["skg:responsibleUnit"]}
    assert "Child Studies (TEMA Barn) (Linköping University)" in units
    assert any(text.endswith("(Linköping Municipality)") for text in units)
    assert [c["text"] for c in ulf["values"]["skg:start"]] == ["August 2021"]
    table = client.get("/project.csv", params={"lang": "en"}).text
    header = next(csv.reader(io.StringIO(table)))
    assert header[:3] == ["IRI", "Name", "Type"] and ":" not in "".join(header[3:])
