"""`samverkan site DIR` as a subprocess: a complete static site whose every internal link
resolves, with each resource's RDF beside its page, the dumps and the VoID description."""

import html
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from live import samverkan
from locations import SITE_SERVICE
from rdflib import Graph, Literal, URIRef

from service import __version__
from service import namespaces as ns
from service.loading.rdf import load_graph
from service.paths import default_graph_files
from service.publishing.dumps import isomorphic
from service.publishing.site import file_for

LINK = re.compile(r'\b(href|src|action)="([^"]*)"')
ANCHOR = re.compile(r'\b(?:id|name)="([^"]*)"')


def _links(page: Path) -> list[tuple[str, str]]:
    return [(a, html.unescape(v)) for a, v in LINK.findall(page.read_text(encoding="utf-8"))]


def test_every_internal_link_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 300
    anchors: dict[Path, set[str]] = {}
    checked, broken = 0, []
    for page in pages:
        for attribute, value in _links(page):
            split = urlsplit(value)
            if split.scheme or value.startswith("//"):
                continue  # external: other sites, or the live service for what cannot be static
            assert not value.startswith("/"), f"{page}: root-relative link {value}"
            target = (page.parent / unquote(split.path)).resolve() if split.path else page
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {attribute}={value}")
                continue
            if split.fragment and target.suffix == ".html":
                if target not in anchors:
                    anchors[target] = set(ANCHOR.findall(target.read_text(encoding="utf-8")))
                if split.fragment not in anchors[target]:
                    broken.append(
                        f"{page.relative_to(site)}: #{split.fragment} not in {target.name}"
                    )
    assert checked > 5000
    assert not broken, broken[:20]


def test_links_to_the_live_service(site: Path) -> None:
    links = {v for _, v in _links(site / "project" / "ulf.html")}
    # The pages keep the reader's ?lang= choice on their links, the live service's too.
    assert {f"{SITE_SERVICE}/validate", f"{SITE_SERVICE}/validate?lang=sv"} & links
    assert f"{SITE_SERVICE}/docs" in links
    assert "../index.html" in links  # the home (the service's query page cannot be static)


@pytest.mark.parametrize(
    "resource",
    [
        "project/ulf",
        "partner/linkopings-universitet",
        "agreement/liu-region-ostergotland-2017",
        "source/001_7658455127dcdd56",
    ],
)
def test_each_resource_has_its_page_and_rdf_beside_it(site: Path, resource: str) -> None:
    iri = URIRef("https://w3id.org/samverkan-kg/" + resource)
    page = (site / f"{resource}.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in page and 'header class="resource"' in page
    assert '<html lang="en">' in (site / f"{resource}.en.html").read_text(encoding="utf-8")
    for ext, fmt in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdf", "xml")):
        graph = Graph().parse(site / f"{resource}.{ext}", format=fmt)
        assert (iri, None, None) in graph, ext


def test_pages_the_service_renders_are_all_there(site: Path) -> None:
    for name in (
        "index.html",
        "index.en.html",
        "compare.html",
        "compare.en.html",
        "compare.csv",
        "compare.json",
        "compare/sdg-matrix.svg",
        "queries.html",
        "queries.en.html",
        "ontology.html",
        "ontology.ttl",
        "accessibility.html",
        "accessibility.en.html",
        ".well-known/void.html",
        "static/style.css",
        "sdg.html",
        "sdg/5.html",
        "sdg/5.en.html",
        "sdg/5.ttl",
    ):
        assert (site / name).is_file(), name
    goal = (site / "sdg" / "5.en.html").read_text(encoding="utf-8")
    assert "<h1>Goal 5: <span>Gender equality</span></h1>" in goal  # the UN's goals, here
    assert list(site.glob("external.iri-*.html"))  # and the other IRIs the graph describes
    compare = (site / "compare.html").read_text(encoding="utf-8")
    assert 'id="sdg-matrix"' in compare
    question = (site / "queries" / "projects-per-sdg.html").read_text(encoding="utf-8")
    assert 'class="results"' in question and "Jämställdhet" in question  # with its answer
    assert (site / "queries" / "projects-per-sdg.csv").read_text(encoding="utf-8").count("\n") > 5


def test_the_home_lists_resources_by_class(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in home and home.count("<h1") == 1
    assert 'href="project/ulf.html"' in home and 'href="compare.html"' in home
    english = (site / "index.en.html").read_text(encoding="utf-8")
    assert 'href="project/ulf.en.html"' in english


def test_dumps_and_the_dataset_description(site: Path) -> None:
    for ext in ("ttl", "nq", "jsonld"):
        exported = samverkan("export", "--format", ext)
        assert (site / f"dump.{ext}").read_text(encoding="utf-8") == exported.stdout
    assert isomorphic(Graph().parse(site / "dump.ttl"), load_graph(default_graph_files()))
    void = Graph().parse(site / ".well-known" / "void.ttl", format="turtle")
    dataset = URIRef("https://w3id.org/samverkan-kg/dataset")
    assert void.value(dataset, ns.DCTERMS.modified) == Literal("2026-01-01", datatype=ns.XSD.date)
    assert str(void.value(dataset, ns.OWL.versionInfo)) == __version__
    assert str(void.value(dataset, ns.DCAT.version)) == __version__
    assert void.value(dataset, ns.DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    sources = set(void.objects(dataset, ns.DCTERMS.source))
    assert URIRef("https://w3id.org/samverkan-kg/source/001_7658455127dcdd56") in sources
    # Absolute links in the site's RDF name where it is served (default: the base IRI).
    assert URIRef("https://w3id.org/samverkan-kg/dump.ttl") in set(void.objects(dataset, None))
    assert (site / ".well-known" / "void").read_bytes() == (
        site / ".well-known" / "void.ttl"
    ).read_bytes()


@pytest.mark.parametrize(
    ("path", "query", "name"),
    [
        ("/project/ulf", "", "project/ulf.html"),
        ("/project/ulf", "lang=sv", "project/ulf.html"),
        ("/project/ulf", "lang=en", "project/ulf.en.html"),
        ("/project/ulf", "format=ttl", "project/ulf.ttl"),
        ("/project/ulf", "format=html&lang=en", "project/ulf.en.html"),
        ("/queries/x", "format=csv", "queries/x.csv"),
        ("/queries/x.rq", "", "queries/x.rq"),
        ("/compare.csv", "lang=en&table=matrix", "compare.table-matrix.en.csv"),
        ("/compare/sdg-matrix.svg", "lang=sv", "compare/sdg-matrix.svg"),
        ("/", "", "index.html"),
        ("/.well-known/void", "", ".well-known/void.html"),
        ("/static/style.css", "", "static/style.css"),
        ("/dump.ttl", "", "dump.ttl"),
    ],
)
def test_iri_to_file_mapping(path: str, query: str, name: str) -> None:
    assert file_for(path, query) == name


def test_the_site_is_readable_by_a_web_server(site: Path) -> None:
    mask = os.umask(0)
    os.umask(mask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~mask
    assert (site / "index.html").stat().st_mode & 0o777 == 0o666 & ~mask
