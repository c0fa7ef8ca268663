"""The query page at / and the saved questions over HTTP, through the real app."""

import csv
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from locations import REPO
from query_samples import (
    AGREEMENT,
    KOMMUN,
    LIU,
    QUESTIONS,
    SDG11,
    TURTLE,
    write_questions,
)
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from service.app import create_app
from service.pages import PAGES_DIR
from service.settings import Settings
from service.store.querying import DatasetStore

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
VENDOR = PAGES_DIR / "static" / "vendor" / "yasgui"
REFRESH_SCRIPT = REPO / "scripts" / "refresh_vendor.sh"
SRX = "{http://www.w3.org/2005/sparql-results#}"


@dataclass
class Page:
    """What a test needs from an HTML page: links, table cells, scripts, styles, forms."""

    links: list[tuple[str, str, str]] = field(default_factory=list)  # href, text, title
    cells: list[list[str]] = field(default_factory=list)
    scripts: list[dict[str, str]] = field(default_factory=list)
    script_text: dict[str, str] = field(default_factory=dict)  # id -> content
    styles: list[str] = field(default_factory=list)
    textareas: dict[str, str] = field(default_factory=dict)
    alerts: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "script":
            self.page.scripts.append(attributes)
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.page.styles.append(attributes["href"])
        if tag == "tr":
            self.page.cells.append([])
        if tag in ("link", "input", "meta", "br"):
            return
        self._stack.append((tag, attributes))
        self._text.append("")

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, attributes = self._stack.pop()
            text = self._text.pop()
            if self._text:
                self._text[-1] += text
            self._close(open_tag, attributes, text)
            if open_tag == tag:
                return

    def _close(self, tag: str, attributes: dict[str, str], text: str) -> None:
        clean = " ".join(text.split())
        if tag == "a" and "href" in attributes:
            self.page.links.append((attributes["href"], clean, attributes.get("title", "")))
        elif tag in ("td", "th") and self.page.cells:
            self.page.cells[-1].append(clean)
        elif tag == "script" and "id" in attributes:
            self.page.script_text[attributes["id"]] = text
        elif tag == "textarea":
            self.page.textareas[attributes.get("id", "")] = text
        elif attributes.get("role") == "alert":
            self.page.alerts.append(clean)
        elif tag == "h1":
            self.page.h1.append(clean)
        if "data-answer" in attributes:
            self.page.answers.append(attributes["data-answer"])

    def handle_data(self, data: str) -> None:
        if self._text:
            self._text[-1] += data


def parse_page(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


@pytest.fixture
def client(make_client: Callable[..., TestClient], tmp_path: Path) -> TestClient:
    return make_client(TURTLE, queries_dir=write_questions(tmp_path / "questions"))


def _solutions(body: str) -> list[dict[str, str]]:
    data = json.loads(body)
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


# --- /queries -------------------------------------------------------------------------------


def test_list_is_json_by_default(client: TestClient) -> None:
    response = client.get("/queries")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert "Accept" in response.headers["vary"]
    entries = {e["name"]: e for e in response.json()}
    assert set(entries) == {name.removesuffix(".rq") for name in QUESTIONS}
    entry = entries["agreements-by-sdg"]
    assert entry["form"] == "SELECT"
    assert set(entry["title"]) >= {"sv", "en"} and set(entry["description"]) >= {"sv", "en"}
    assert entry["params"] == [
        {
            "name": "sdg",
            "type": "iri",
            "description": "Ett globalt mål / an SDG",
            "default": "http://metadata.un.org/sdg/5",
            "required": False,
        }
    ]
    assert entries["started-in-year"]["params"][0]["required"] is True
    # every link answers
    for name, link in entry["links"].items():
        linked = client.get(link)
        assert linked.status_code == 200, name
    assert client.get(entry["links"]["sparql"]).text == QUESTIONS["agreements-by-sdg.rq"]


def test_list_is_a_page_for_browsers(client: TestClient) -> None:
    response = client.get("/queries", headers={"Accept": BROWSER, "Accept-Language": "en"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = parse_page(response.text)
    texts = {text for _, text, _ in page.links}
    assert "Which agreements name a given SDG?" in texts
    hrefs = {href for href, _, _ in page.links}
    assert "/queries/agreements-by-sdg.rq" in hrefs
    assert "/?example=agreements-by-sdg" in hrefs
    swedish = parse_page(client.get("/queries?lang=sv", headers={"Accept": BROWSER}).text)
    assert "Vilka avtal nämner ett visst globalt mål?" in {t for _, t, _ in swedish.links}


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/queries", {"Accept": "image/png"}),
        ("/queries?format=csv", {}),
        ("/queries/agreements-by-sdg", {"Accept": "image/png"}),
        ("/queries/started-in-year?year=2021&format=csv", {}),  # ASK has no CSV
        ("/queries/parties-graph?format=csv", {}),  # a graph is not a solution table
    ],
)
def test_not_acceptable(client: TestClient, path: str, headers: dict[str, str]) -> None:
    response = client.get(path, headers=headers)
    assert response.status_code == 406
    assert "available" in response.text


def test_format_json_of_a_graph_question_is_json_ld(client: TestClient) -> None:
    """?format=json means the JSON form of the answer everywhere: JSON-LD for a graph."""
    response = client.get("/queries/parties-graph?format=json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=response.text, format="json-ld")) > 0


# --- /queries/{name}: data --------------------------------------------------------------------


def test_run_returns_sparql_json_by_default(client: TestClient) -> None:
    response = client.get("/queries/agreements-by-sdg", params={"sdg": "sdg:11"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert "Accept" in response.headers["vary"]
    rows = _solutions(response.text)
    assert {(r["agreement"], r["party"], r["sdg"]) for r in rows} == {
        (AGREEMENT, LIU, SDG11),
        (AGREEMENT, KOMMUN, SDG11),
    }


def _parse_csv(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


@pytest.mark.parametrize(
    ("query", "headers", "media_type"),
    [
        ({"format": "csv"}, {}, "text/csv"),
        ({}, {"Accept": "text/csv"}, "text/csv"),
        ({"format": "tsv"}, {}, "text/tab-separated-values"),
        ({"format": "xml"}, {}, "application/sparql-results+xml"),
        (
            {},
            {"Accept": "application/sparql-results+xml;q=0.9, text/html;q=0.5"},
            "application/sparql-results+xml",
        ),
        ({"format": "csv"}, {"Accept": BROWSER}, "text/csv"),  # format= beats Accept
    ],
)
def test_run_in_every_result_format(
    client: TestClient, query: dict[str, str], headers: dict[str, str], media_type: str
) -> None:
    response = client.get(
        "/queries/agreements-by-sdg", params={"sdg": SDG11, **query}, headers=headers
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    if media_type == "text/csv":
        parties = {row["party"] for row in _parse_csv(response.text)}
    elif media_type == "text/tab-separated-values":
        parties = {row["?party"] for row in _parse_csv(response.text, "\t")}
        parties = {p.strip("<>") for p in parties}
    else:
        root = ET.fromstring(response.content)
        parties = {
            b.findtext(f"{SRX}uri") for b in root.iter(f"{SRX}binding") if b.get("name") == "party"
        }
    assert parties == {LIU, KOMMUN}


def test_ask_question(client: TestClient) -> None:
    yes = client.get("/queries/started-in-year", params={"year": "2021"})
    assert yes.status_code == 200
    assert json.loads(yes.text)["boolean"] is True
    no = client.get("/queries/started-in-year", params={"year": "2020", "format": "xml"})
    assert ET.fromstring(no.content).findtext(f"{SRX}boolean") == "false"


@pytest.mark.parametrize(
    ("headers", "fmt"),
    [
        ({}, "turtle"),
        ({"Accept": "application/ld+json"}, "json-ld"),
        ({"Accept": "application/n-triples"}, "nt"),
    ],
)
def test_construct_question(client: TestClient, headers: dict[str, str], fmt: str) -> None:
    response = client.get("/queries/parties-graph", headers=headers)
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format=fmt)
    assert Literal("Linköping University", lang="en") in set(graph.objects(URIRef(LIU), RDFS.label))
    assert {o for o in graph.objects(URIRef(AGREEMENT), None) if isinstance(o, URIRef)} == {
        URIRef(LIU),
        URIRef(KOMMUN),
    }


def test_query_text(client: TestClient) -> None:
    for path in ("/queries/issued-after.rq", "/queries/issued-after?format=sparql"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/sparql-query")
        assert response.text == QUESTIONS["issued-after.rq"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"sdg": "not an iri"}, ["sdg", "not an absolute IRI"]),
        ({"sdg": "http://example.org/<x>"}, ["sdg", "IRI"]),
        ({"colour": "red"}, ["unknown parameter colour"]),
        ({"sdg": ["sdg:5", "sdg:11"]}, ["sdg", "more than once"]),
    ],
)
def test_bad_parameters_are_400(
    client: TestClient, params: dict[str, str | list[str]], words: list[str]
) -> None:
    response = client.get("/queries/agreements-by-sdg", params=params)
    assert response.status_code == 400
    for word in words:
        assert word in response.text


@pytest.mark.parametrize(
    ("path", "params", "words"),
    [
        ("/queries/issued-after", {"after": "2021-02-30"}, ["after", "YYYY-MM-DD"]),
        ("/queries/started-in-year", {}, ["missing required parameter year"]),
        ("/queries/started-in-year", {"year": "21"}, ["four-digit year"]),
        ("/queries/labels-in", {"min": "many"}, ["min", "not an integer"]),
        ("/queries/labels-in", {"language": "not a tag"}, ["language tag"]),
    ],
)
def test_bad_typed_values_are_400(
    client: TestClient, path: str, params: dict[str, str], words: list[str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 400
    assert all(word in response.text for word in words)
    page = client.get(path, params=params, headers={"Accept": BROWSER})
    assert page.status_code == 400
    alerts = parse_page(page.text).alerts
    assert alerts and all(word in alerts[0] for word in words)


def test_unknown_question_is_404(client: TestClient) -> None:
    for headers in ({}, {"Accept": BROWSER}):
        response = client.get("/queries/no-such-question", headers=headers)
        assert response.status_code == 404
        assert "no-such-question" in response.text
    assert client.get("/queries/no-such-question.rq").status_code == 404


# --- /queries/{name}: HTML ----------------------------------------------------------------------


def test_html_table_shows_labels_and_links(client: TestClient) -> None:
    response = client.get(
        "/queries/agreements-by-sdg",
        params={"sdg": SDG11, "lang": "en"},
        headers={"Accept": BROWSER},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = parse_page(response.text)
    assert page.h1 == ["Which agreements name a given SDG?"]
    assert page.cells[0] == ["agreement", "party", "sdg"]
    body = sorted(page.cells[1:])
    assert body == [
        [
            "Agreement on strategic collaboration",
            "Linköping Municipality",
            "Sustainable cities and communities",
        ],
        [
            "Agreement on strategic collaboration",
            "Linköping University",
            "Sustainable cities and communities",
        ],
    ]
    links = {(href, text, title) for href, text, title in page.links}
    # our IRIs link here, keeping the reader's ?lang= choice
    assert ("/partner/liu?lang=en", "Linköping University", LIU) in links
    # a goal the graph describes has its page here too (issue 19); other IRIs link out
    assert ("/sdg/11?lang=en", "Sustainable cities and communities", SDG11) in links
    downloads = {text: href for href, text, _ in page.links if "format=" in href}
    assert set(downloads) == {"JSON", "XML", "CSV", "TSV", "CSV + labels"}
    csv_rows = _parse_csv(client.get("/queries/agreements-by-sdg" + downloads["CSV"]).text)
    assert {row["party"] for row in csv_rows} == {LIU, KOMMUN}
    labelled = _parse_csv(client.get("/queries/agreements-by-sdg" + downloads["CSV + labels"]).text)
    assert {row["party_label"] for row in labelled} == {
        "Linköping University",
        "Linköping Municipality",
    }


PARTNERS = """\
# title@sv: Parter
# title@en: Partners
# description@sv: Alla parter och deras typ.
# description@en: Every partner and its type.
PREFIX skg: <https://w3id.org/samverkan-kg/ontology#>
SELECT ?partner ?type WHERE {
  VALUES ?type { skg:University skg:Municipality skg:Region }
  ?partner a ?type .
}
"""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            {
                ("Linköping University", "university"),
                ("Linköping Municipality", "municipality"),
                ("Region Östergötland", "skg:Region"),  # only a Swedish label; no label
            },
        ),
        (
            "sv",
            {
                ("Linköpings universitet", "universitet"),
                ("Linköpings kommun", "kommun"),
                ("Region Östergötland", "skg:Region"),
            },
        ),
    ],
)
def test_html_labels_prefer_the_page_language_then_fall_back(
    make_client: Callable[..., TestClient],
    tmp_path: Path,
    lang: str,
    expected: set[tuple[str, str]],
) -> None:
    questions = write_questions(tmp_path / "questions")
    (questions / "partners.rq").write_text(PARTNERS, encoding="utf-8")
    client = make_client(TURTLE, queries_dir=questions)
    response = client.get(
        "/queries/partners", headers={"Accept": BROWSER, "Accept-Language": f"{lang};q=0.9"}
    )
    rows = {(row[0], row[1]) for row in parse_page(response.text).cells[1:]}
    assert rows == expected


def test_html_ask_and_construct(client: TestClient) -> None:
    ask = parse_page(
        client.get("/queries/started-in-year?year=2021&lang=en", headers={"Accept": BROWSER}).text
    )
    assert ask.answers == ["true"]
    graph = parse_page(client.get("/queries/parties-graph?format=html&lang=sv").text)
    assert graph.cells[0] == ["subject", "predicate", "object"]
    assert ["Avtal om strategisk samverkan", "skg:signed", "Linköpings universitet"] in graph.cells


def test_html_escapes_labels(make_client: Callable[..., TestClient], tmp_path: Path) -> None:
    evil = (
        TURTLE
        + '<https://w3id.org/samverkan-kg/partner/liu> rdfs:label "<script>alert(1)</script>"@sv .\n'
    )
    client = make_client(evil, queries_dir=write_questions(tmp_path / "questions"))
    for path in ("/queries/labels-in?language=sv", "/queries/agreements-by-sdg"):
        response = client.get(path, params={"format": "html", "lang": "sv"})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
        assert "<script>alert(1)</script>" in {
            cell for row in parse_page(response.text).cells for cell in row
        }


# --- the query page -------------------------------------------------------------------------------


def test_query_page_loads_only_local_assets(client: TestClient) -> None:
    response = client.get("/", headers={"Accept": BROWSER})
    assert response.status_code == 200
    page = parse_page(response.text)
    sources = [s["src"] for s in page.scripts if "src" in s]
    assert "/static/vendor/yasgui/yasgui.min.js" in sources
    assert "/static/query.js" in sources
    assert "/static/vendor/yasgui/yasgui.min.css" in page.styles
    for url in sources + page.styles:
        assert url.startswith("/"), f"{url} is not served by this service"
        asset = client.get(url)
        assert asset.status_code == 200, url
    css = client.get("/static/vendor/yasgui/yasgui.min.css").text
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css)


def test_query_page_config_and_default_query(client: TestClient) -> None:
    page = parse_page(client.get("/?lang=en").text)
    config = json.loads(page.script_text["query-config"])
    assert config["endpoint"] == "/sparql" and config["queries"] == "/queries"
    assert config["base"] == "https://w3id.org/samverkan-kg/"
    assert config["prefixes"]["skg"] == "https://w3id.org/samverkan-kg/ontology#"
    assert config["lang"] == "en"
    assert str(RDFS.label) in config["labelPredicates"]
    assert "SELECT" in page.textareas["query-text"]


def test_query_page_opens_an_example(client: TestClient) -> None:
    page = parse_page(client.get("/?example=issued-after").text)
    assert page.textareas["query-text"] == QUESTIONS["issued-after.rq"]
    assert json.loads(page.script_text["query-config"])["example"] == "issued-after"


def test_query_page_escapes_the_given_query(client: TestClient) -> None:
    hostile = "</textarea><script>alert(1)</script>"
    response = client.get("/", params={"query": hostile, "example": "</script><b>x"})
    page = parse_page(response.text)
    assert page.textareas["query-text"] == hostile
    assert [s.get("src") for s in page.scripts] == [
        None,  # the JSON config
        "/static/vendor/yasgui/yasgui.min.js",
        "/static/vendor/chartjs/chart.umd.min.js",
        "/static/query.js",
    ]
    assert json.loads(page.script_text["query-config"])["example"] == "</script><b>x"


# --- the vendored editor --------------------------------------------------------------------------


def test_vendored_files_are_the_pinned_release() -> None:
    sums = (VENDOR / "SHA256SUMS").read_text().split("\n")
    checked = 0
    for line in filter(None, sums):
        digest, name = line.split()
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
        checked += 1
    assert checked == 2
    version = (VENDOR / "VERSION").read_text().strip()
    pinned = re.search(r'^VERSION="([^"]+)"', REFRESH_SCRIPT.read_text(), re.M)
    assert pinned and pinned.group(1) == version
    assert version.startswith("4.6.")
    assert "MIT License" in (VENDOR / "LICENSE").read_text()
    assert f"@zazuko/yasgui {version}" in (VENDOR / "README.md").read_text()


def test_a_broken_question_file_is_reported_not_a_traceback(
    make_client: Callable[..., TestClient], tmp_path: Path
) -> None:
    questions = write_questions(tmp_path / "questions")
    (questions / "broken.rq").write_text("# title@sv: T\nSELECT ?s WHERE { ?s ?p ?o }\n")
    client = make_client(TURTLE, queries_dir=questions)
    listing = client.get("/queries")
    assert listing.status_code == 500
    assert "broken.rq:1: header lacks title@en" in listing.text
    assert client.get("/queries/issued-after").status_code == 500
    assert client.get("/?example=issued-after").status_code == 200


def test_starting_query_answers_on_the_curated_graph(curated_store: DatasetStore) -> None:
    """The editor's first query is not a placeholder: it lists the partnerships' members."""
    with TestClient(create_app(Settings(), curated_store)) as curated:
        text = parse_page(curated.get("/", headers={"Accept": "text/html"}).text).textareas[
            "query-text"
        ]
        answer = curated.post(
            "/sparql", data={"query": text}, headers={"Accept": "application/sparql-results+json"}
        )
    assert answer.status_code == 200, answer.text
    partnerships = {row["partnership"].rsplit("/", 1)[-1] for row in _solutions(answer.text)}
    assert partnerships == {
        "liu-linkopings-kommun",
        "liu-norrkopings-kommun",
        "liu-region-ostergotland",
        "linnekommuner-i-samverkan",
        # the register's (data/workbooks/)
        "umu-umea-kommun",
        "umu-region-vasterbotten",
        "umu-skelleftea-kommun",
        "mau-malmo-stad",
        "uu-region-gotland",
    }


def test_list_format_json_means_plain_json(client: TestClient) -> None:
    answer = client.get("/queries?format=json")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    assert {q["name"] for q in answer.json()} >= {"issued-after"}


def test_every_page_link_honours_the_mount_path(curated_store: DatasetStore) -> None:
    """Served under a prefix (a reverse proxy's /kg), no page links outside it."""
    app = create_app(Settings(), curated_store)
    with TestClient(app, root_path="/kg") as mounted:
        for path in ("/", "/queries", "/queries/projects-per-sdg?format=html", "/compare",
                     "/browse", "/project?q=ulf", "/search?q=linkoping", "/partner/liu-x",
                     "/partner/linkopings-universitet"):  # fmt: skip
            page = mounted.get(path, headers={"Accept": "text/html"})
            assert page.status_code == (404 if path == "/partner/liu-x" else 200), path
            links = re.findall(r'(?:href|src|action)="(/[^"]*)"', page.text)
            assert links, path
            outside = [link for link in links if not link.startswith("/kg/")]
            assert not outside, f"{path} links outside the mount: {outside}"
