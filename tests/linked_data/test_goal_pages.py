"""The UN's goals have pages here (issue 19): ``/sdg/5`` names the goal once (its short
name), shows the UN's long title and the UN's page one link away, and lists what bears on
the goal by kind with counts, paged as the listings are; every link to a goal's IRI on the
site leads to its page, and so does a link to any other IRI the graph describes."""

import re
from html import unescape
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from service.namespaces import SKG
from service.store.base import Store

HTML = {"Accept": "text/html"}
GOAL5 = "http://metadata.un.org/sdg/5"


@pytest.fixture(scope="module")
def client(curated_client: TestClient) -> TestClient:
    return curated_client


def page(client: TestClient, path: str, **params: str) -> str:
    response = client.get(path, params=params, headers=HTML)
    assert response.status_code == 200, (path, response.text[:300])
    return response.text


def shown(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def counts(html: str) -> dict[str, int]:
    found = re.findall(
        r'<li data-kind="([\w-]+)"><a [^>]*>[^<]*</a> <span class="count">(\d+)', html
    )
    return {kind: int(n) for kind, n in found}


def expected(store: Store, pattern: str) -> int:
    rows = store.select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {pattern} }}").rows
    return int(rows[0]["n"])


def test_every_goal_has_its_page(client: TestClient) -> None:
    for n in range(1, 18):
        text = page(client, f"/sdg/{n}", lang="en")
        assert re.search(rf"<h1>Goal {n}: <span>[^<]+</span></h1>", text), n
        assert f'href="http://metadata.un.org/sdg/{n}" rel="external"' in text


def test_the_goal_page_names_the_goal_and_shows_the_uns_title(client: TestClient) -> None:
    english = page(client, "/sdg/5", lang="en")
    assert "<h1>Goal 5: <span>Gender equality</span></h1>" in english
    assert "Achieve gender equality and empower all women and girls" in english
    swedish = page(client, "/sdg/5", lang="sv")
    assert "<h1>Mål 5: <span>Jämställdhet</span></h1>" in swedish
    # the UN's title has no Swedish: it is shown in English, marked as such
    assert '<q lang="en">Achieve gender equality and empower all women and girls</q>' in swedish
    assert 'href="http://metadata.un.org/sdg/5" rel="external">Målet hos FN</a>' in swedish


def test_what_bears_on_the_goal_is_counted_by_kind(
    client: TestClient, curated_store: Store
) -> None:
    text = page(client, "/sdg/5", lang="en")
    found = counts(text)
    goal = URIRef(GOAL5).n3()
    assert found["project"] == expected(curated_store, f"?s a <{SKG.Project}> ; <{SKG.sdg}> {goal}")
    assert found["area"] == expected(
        curated_store, f"?s a <{SKG.CollaborationArea}> ; <{SKG.sdg}> {goal}"
    )
    assert found["agreement"] == expected(
        curated_store,
        f"?s a <{SKG.CollaborationAgreement}> ; <{SKG.hasCollaborationArea}>/<{SKG.sdg}> {goal}",
    )
    assert found["action-plan"] == expected(
        curated_store, f"?s a <{SKG.ActionPlan}> ; <{SKG.crossCuttingSDG}> {goal}"
    )
    assert found["partnership"] >= 1
    assert min(found.values()) >= 1  # goal 5 is stated for each kind in the curated graph
    total = sum(found.values())
    assert f"1–{total} of {total}" in shown(text)
    # each kind's count is its listing's, filtered by the goal (linked from the page)
    listing = client.get("/project", params={"sdg": GOAL5, "format": "json"}).json()
    assert listing["count"] == found["project"]
    assert f'href="/project?sdg={quote(GOAL5, safe="")}' in text


def test_the_goal_page_pages_and_filters_by_kind(client: TestClient) -> None:
    first = page(client, "/sdg/5", lang="en", kind="project", per_page="3")
    projects = counts(first)["project"]
    assert f"1–3 of {projects}" in shown(first)
    assert 'aria-current="page">Projects</a>' in first
    rows = re.findall(r'<tr data-iri="([^"]+)">', first)
    assert len(rows) == 3 and all("/project/" in r for r in rows)
    assert 'rel="next"' in first and '<nav class="pages" aria-label="Pages">' in first
    second = page(client, "/sdg/5", lang="en", kind="project", per_page="3", page="2")
    assert not set(re.findall(r'<tr data-iri="([^"]+)">', second)) & set(rows)
    assert f"4–6 of {projects}" in shown(second)
    for bad in ({"kind": "nothing"}, {"page": "0"}, {"page": "999"}, {"per_page": "100000"}):
        answer = client.get("/sdg/5", params=bad, headers=HTML)
        assert answer.status_code == 400 and answer.text, bad


def test_a_goal_nothing_bears_on_says_so(client: TestClient) -> None:
    text = page(client, "/sdg/13", lang="en")
    assert "Nothing in the graph bears on this goal." in text
    assert set(counts(text).values()) == {0}


@pytest.mark.parametrize(
    ("path", "media_type"),
    [("/sdg/5.ttl", "text/turtle"), ("/sdg/5?format=jsonld", "application/ld+json")],
)
def test_the_goal_in_rdf(client: TestClient, path: str, media_type: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(media_type)
    graph = Graph().parse(data=answer.text, format="turtle" if "ttl" in path else "json-ld")
    assert (URIRef(GOAL5), None, None) in graph
    negotiated = client.get("/sdg/5", headers={"Accept": "text/turtle"})
    assert negotiated.headers["content-type"].startswith("text/turtle")


def test_links_to_goals_lead_to_their_pages(client: TestClient) -> None:
    for path in (
        "/project/fou-centrum-vard-omsorg-socialt-arbete",
        "/sdg",
        "/area/lk-hallbar-valfard",
    ):
        text = page(client, path, lang="en")
        goals = re.findall(r'href="([^"]*)"[^>]*title="http://metadata\.un\.org/sdg/(\d+)"', text)
        assert goals, path
        for href, number in goals:
            assert href == f"/sdg/{number}?lang=en", (path, href)
        assert not re.search(r'href="http://metadata\.un\.org/sdg/\d+"', text), path
    answer = client.get("/queries/projects-per-sdg", params={"format": "html", "lang": "en"})
    assert 'href="/sdg/5' in answer.text


def test_other_described_iris_get_a_page_here(client: TestClient) -> None:
    site = "http://www.w3.org/ns/org#Site"
    text = page(client, "/site/campus-norrkoping", lang="en")
    local = "/external?iri=" + quote(site, safe="")
    assert f'href="{local}&amp;lang=en"' in text  # its type, described by the ontology
    external = page(client, "/external", iri=site)
    assert f'href="{site}" rel="external"' in external  # the address itself, one link away
    assert "sökvägssegment" in external or "path segment" in external
    turtle = client.get("/external", params={"iri": site, "format": "ttl"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert (URIRef(site), None, None) in Graph().parse(data=turtle.text, format="turtle")
    # an IRI the graph does not describe is not linked here, and has no page
    partner = page(client, "/partner/linkopings-universitet", lang="en")
    assert 'href="http://www.w3.org/ns/org#hasMember"' in partner
    for iri in (
        "http://www.wikidata.org/entity/Q1",
        "",
        "https://w3id.org/samverkan-kg/project/ulf",
    ):
        assert client.get("/external", params={"iri": iri}).status_code == 404
