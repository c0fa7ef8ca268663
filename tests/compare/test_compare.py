"""The comparison of agreements (service.compare.model) and its HTTP doors (service.compare.routes).

The expected table was read off the five source documents in ../shared/sources: each fact
that is not parsed from a source is checked to be quoted there, so a reader can see where it
comes from. The SDGs of the action plan (its areas, its projects and the goals it calls
cross-cutting) are parsed from the plan's text itself.
"""

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient
from locations import SHARED, require_shared

from service.app import create_app
from service.compare import formats
from service.compare.formats import AGREEMENT_COLUMNS, MATRIX_COLUMNS, to_json
from service.compare.model import Comparison, gather, signed_text, validity_text
from service.settings import Settings
from service.store.base import Store
from service.store.querying import DatasetStore

BASE = "https://w3id.org/samverkan-kg/"
LK_AGREEMENT = BASE + "agreement/liu-linkopings-kommun-2021"
LK_PLAN = BASE + "action-plan/liu-linkopings-kommun-2021-2024"
NK_AGREEMENT = BASE + "agreement/liu-norrkopings-kommun-2017"
RO_AGREEMENT = BASE + "agreement/liu-region-ostergotland-2017"
LINNE = BASE + "partnership/linnekommuner-i-samverkan"
#: The register's agreements, published from stored public pages (data/workbooks/).
REGISTER = {
    local: BASE + "agreement/" + local
    for local in (
        "liu-linkopings-kommun-2025",
        "liu-norrkopings-kommun-2021",
        "mau-malmo-stad-2021",
        "umu-region-vasterbotten-2019",
        "umu-skelleftea-kommun-2020",
        "umu-umea-kommun-2018",
        "uu-region-gotland-2013",
    )
}
#: Rows of the comparison: the seeds' three agreements, the plan and the network, and the
#: register's seven agreements.
ROWS = 5 + len(REGISTER)
SOURCE_FILES = {
    "000": "000_6a1f2b0d01e02e89.txt",
    "001": "001_7658455127dcdd56.txt",
    "002": "002_57dc6fa4b9f4e51e.txt",
    "003": "003_f472ae6b5ba9f94c.txt",
    "004": "004_fe6608385cb009ea.txt",
}


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(curated_store: DatasetStore) -> DatasetStore:
    return curated_store


@pytest.fixture(scope="module")
def client(store: DatasetStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store)) as test_client:  # type: ignore[call-arg]
        yield test_client


@pytest.fixture(scope="module")
def sv(store: DatasetStore) -> Comparison:
    return gather(store, "sv")


@pytest.fixture(scope="module")
def en(store: DatasetStore) -> Comparison:
    return gather(store, "en")


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    folder = require_shared(SHARED / "sources")
    return {key: (folder / name).read_text(encoding="utf-8") for key, name in SOURCE_FILES.items()}


def quoted(source: str, words: str) -> None:
    """Assert that ``words`` stand in ``source`` (whitespace-insensitive)."""
    assert " ".join(words.split()) in " ".join(source.split()), f"not in the source: {words!r}"


# --- the action plan, parsed from its text (source 001) -----------------------------------


@dataclass
class PlanFacts:
    area_sdgs: dict[str, set[int]] = field(default_factory=dict)
    projects: list[tuple[str, set[int]]] = field(default_factory=list)  # (area, goals)
    cross_cutting: set[int] = field(default_factory=set)


def parse_plan(text: str) -> PlanFacts:
    """Section 3 (areas and their "Mål N"), section 4 (activities) and the cross-cutting goals."""
    facts = PlanFacts()
    section3 = text.split("### 3 ", 1)[1].split("## 4 ", 1)[0]
    parts = re.split(r"^#### \*(.+?)\*\s*$", section3, flags=re.M)
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        facts.area_sdgs[name.strip()] = {int(n) for n in re.findall(r"^Mål (\d+) ", body, re.M)}
    area = ""
    for line in text.split("## 4 ", 1)[1].splitlines():
        heading = re.match(r"^#{2,3} (.+?)\s*$", line)
        if heading:
            area = heading.group(1)
        goals = re.search(r"\*\*Hållbarhetsmål:\*\*\s*([\d, ]+)", line)
        if goals:
            facts.projects.append((area, {int(n) for n in re.findall(r"\d+", goals.group(1))}))
    sentence = next(s for s in text.split(".") if "ses som övergripande" in s)
    facts.cross_cutting = {int(n) for n in re.findall(r"Mål (\d+) ", sentence)}
    return facts


@pytest.fixture(scope="module")
def plan(sources: dict[str, str]) -> PlanFacts:
    facts = parse_plan(sources["001"])
    # The parse itself is checked against what a reader sees in the plan.
    assert set(facts.area_sdgs) == {
        "Hållbar stadsutveckling",
        "Hållbar tillväxt",
        "Hållbar välfärd",
    }
    assert len(facts.projects) == len(
        re.findall(r"\*\*(Projekt|Centrumbildning):\*\*", sources["001"])
    )
    assert len(facts.projects) == 10
    assert facts.cross_cutting == {5, 17}
    return facts


# --- the expected table -------------------------------------------------------------------


def row_of(comparison: Comparison, iri: str) -> Any:
    return next(r for r in comparison.rows if r.iri == iri)


def groups_of(row: Any) -> dict[str, set[str]]:
    return {g.kind: {i.label for i in g.items} for g in row.groups}


def test_the_rows_are_the_agreements_the_plan_and_the_network(sv: Comparison) -> None:
    assert [(r.iri, r.kind) for r in sv.rows] == [
        (LK_AGREEMENT, "agreement"),
        (REGISTER["liu-linkopings-kommun-2025"], "agreement"),
        (LK_PLAN, "action-plan"),
        (NK_AGREEMENT, "agreement"),
        (REGISTER["liu-norrkopings-kommun-2021"], "agreement"),
        (RO_AGREEMENT, "agreement"),
        (REGISTER["mau-malmo-stad-2021"], "agreement"),
        (REGISTER["umu-region-vasterbotten-2019"], "agreement"),
        (REGISTER["umu-skelleftea-kommun-2020"], "agreement"),
        (REGISTER["umu-umea-kommun-2018"], "agreement"),
        (REGISTER["uu-region-gotland-2013"], "agreement"),
        (LINNE, "network"),
    ]
    assert [g.number for g in sv.goals] == list(range(1, 18))


def test_linkoping_agreement(sv: Comparison, sources: dict[str, str], plan: PlanFacts) -> None:
    row = row_of(sv, LK_AGREEMENT)
    quoted(sources["000"], "2021 tecknades ett nytt samverkansavtal")
    quoted(sources["001"], "Planen avser och omfattar avtalsperioden 2021-2024")
    quoted(sources["001"], "hanterats i gemensamt samverkansråd")
    quoted(sources["000"], "sedan många år tillbaka ett omfattande samverkansarbete")
    assert row.kind_label == "samverkansavtal"
    assert {p.label for p in row.partners} == {"Linköpings universitet", "Linköpings kommun"}
    assert signed_text(sv, row) == "2021"
    assert validity_text(sv, row) == "2021 – 2024"
    assert "sedan många år tillbaka" in " ".join(row.history)
    assert row.agreements_since is None
    assert [b.label for b in row.governance_bodies] == ["Samverkansrådet"]
    assert groups_of(row) == {"collaboration-area": set(plan.area_sdgs)}
    expected_sdgs = set().union(*plan.area_sdgs.values(), *(g for _, g in plan.projects))
    assert set(row.sdgs) == expected_sdgs == {3, 4, 5, 7, 8, 9, 10, 11, 12, 15, 16, 17}
    assert row.cross_cutting_sdgs == []
    # The plan's ten activities, plus Studentmedarbetare, named only on the web page (000).
    quoted(sources["000"], "Studentmedarbetare")
    assert "Studentmedarbetare" not in sources["001"]
    assert len(row.projects) == len(plan.projects) + 1 == 11
    assert row.events == []  # neither 000 nor 001 names an event (only news items)
    assert [s.identifier for s in row.sources] == [SOURCE_FILES["000"], SOURCE_FILES["001"]]


def test_linkoping_action_plan(sv: Comparison, sources: dict[str, str], plan: PlanFacts) -> None:
    row = row_of(sv, LK_PLAN)
    quoted(sources["001"], "Giltighetstid: 2021-2024")
    quoted(sources["001"], "Antaget av:\n\nStatus:")  # no adoption date is given
    assert row.kind_label == "handlingsplan"
    assert {p.label for p in row.partners} == {"Linköpings universitet", "Linköpings kommun"}
    assert signed_text(sv, row) == "okänt"
    assert validity_text(sv, row) == "2021 – 2024"
    assert [b.label for b in row.governance_bodies] == ["Samverkansrådet"]
    assert groups_of(row) == {"collaboration-area": set(plan.area_sdgs)}
    expected_sdgs = set().union(*plan.area_sdgs.values(), *(g for _, g in plan.projects))
    assert set(row.sdgs) == expected_sdgs | plan.cross_cutting
    assert set(row.cross_cutting_sdgs) == plan.cross_cutting
    assert len(row.projects) == len(plan.projects) == 10
    assert row.events == []
    assert [s.identifier for s in row.sources] == [SOURCE_FILES["001"]]


def test_norrkoping_agreement(sv: Comparison, sources: dict[str, str]) -> None:
    row = row_of(sv, NK_AGREEMENT)
    quoted(
        sources["002"],
        "Nu gällande avtal undertecknades 2017 och gäller till och med december 2020",
    )
    quoted(sources["002"], "avtal som sedan år 2002 tecknats mellan parterna")
    quoted(
        sources["002"], "Samverkansgruppen koordinerar och leder den samverkan som avtalet omfattar"
    )
    quoted(sources["002"], "de tre samverkansområdena Bildning, Hållbar tillväxt och Välfärd")
    assert {p.label for p in row.partners} == {"Linköpings universitet", "Norrköpings kommun"}
    assert signed_text(sv, row) == "2017"
    assert row.valid_from is None  # the page gives no start of validity
    assert validity_text(sv, row) == "okänt – december 2020"
    assert row.agreements_since == "2002"
    assert [b.label for b in row.governance_bodies] == ["Samverkansgruppen"]
    assert groups_of(row) == {"collaboration-area": {"Bildning", "Hållbar tillväxt", "Välfärd"}}
    assert not re.search(r"Mål \d|hållbarhetsmål", sources["002"], re.I)
    assert row.sdgs == []
    assert row.projects == []
    # Events: the first meeting (June 2017), Forskningsfestivalen and Spotlight Välfärd 2018.
    quoted(sources["002"], "Samverkansgruppen i juni 2017 vid det första mötet")
    quoted(sources["002"], "Börjar 08 november 2018")
    quoted(sources["002"], "Börjar 16 november 2018")
    assert len(row.events) == 3
    assert [s.identifier for s in row.sources] == [SOURCE_FILES["002"]]


def test_region_ostergotland_agreement(sv: Comparison, sources: dict[str, str]) -> None:
    row = row_of(sv, RO_AGREEMENT)
    quoted(sources["004"], "Våren 2017 tecknade de båda aktörerna ett strategiskt samverkansavtal")
    quoted(sources["004"], "över 40 års erfarenhet")
    quoted(
        sources["004"],
        "förutom hälso- och sjukvård – samhällsbyggnad, kompetensförsörjning och företagande",
    )
    assert not re.search(r"gäller (till|från|t\.o\.m)|giltig", sources["004"], re.I)  # no validity
    assert {p.label for p in row.partners} == {"Linköpings universitet", "Region Östergötland"}
    assert signed_text(sv, row) == "våren 2017"
    assert validity_text(sv, row) == "okänt"
    # The history is the curators' summary of that sentence (issue 17), not a quotation of it.
    assert "40 år" in " ".join(row.history).casefold()
    assert row.governance_bodies == []  # the page names no joint body
    assert groups_of(row) == {
        "collaboration-area": {
            "Hälso- och sjukvård",
            "Samhällsbyggnad",
            "Kompetensförsörjning",
            "Företagande",
        }
    }
    assert row.sdgs == []
    assert row.projects == []
    quoted(sources["004"], "i samband med undertecknandet av avtalet")  # the one event
    assert len(row.events) == 1
    assert [s.identifier for s in row.sources] == [SOURCE_FILES["004"]]


def test_linnaeus_network(sv: Comparison, sources: dict[str, str]) -> None:
    row = row_of(sv, LINNE)
    text = sources["003"]
    quoted(text, "samtliga 36 kommuner i Linnéregionen")
    challenges = re.search(r"Det handlar om exempelvis (.+?)\.\n", text)
    assert challenges
    challenge_names = {
        c.strip().removeprefix("samt ").strip()
        for c in re.split(r",| samt ", challenges.group(1))
        if c.strip()
    }
    themes = {t.strip().rstrip(".") for t in re.findall(r"•\s*(.+)", text)}
    assert len(challenge_names) == 15 and len(themes) == 5
    assert row.kind_label == "samverkansnätverk"
    assert [p.label for p in row.partners] == ["Linnéuniversitetet"]
    assert row.stated_member_count == 36
    assert signed_text(sv, row) == "inget undertecknat avtal (nätverk)"
    assert validity_text(sv, row) == "okänt"
    assert "stor erfarenhet av att samverka med kommuner" in " ".join(row.history)
    groups = groups_of(row)
    assert set(groups) == {"challenge", "theme"}  # no collaboration areas: a network
    assert {c.casefold() for c in groups["challenge"]} == {c.casefold() for c in challenge_names}
    assert {t.casefold() for t in groups["theme"]} == {t.casefold() for t in themes}
    assert row.sdgs == []
    assert row.projects == []
    quoted(text, "I november 2023 hölls den första konferensen")
    quoted(text, "Konferens 22 oktober 2024")
    assert len(row.events) == 2
    assert [s.identifier for s in row.sources] == [SOURCE_FILES["003"]]


def test_matrix_matches_the_action_plan(sv: Comparison, plan: PlanFacts) -> None:
    for agreement in (LK_AGREEMENT, LK_PLAN):
        rows = [m for m in sv.matrix if m.agreement == agreement]
        assert rows[0].level == "agreement" and rows[0].iri == agreement
        areas = {m.label: m for m in rows[1:]}
        assert set(areas) == set(plan.area_sdgs)
        for name, listed in plan.area_sdgs.items():
            counts = Counter(n for area, goals in plan.projects if area == name for n in goals)
            cells = areas[name].cells
            assert {n for n, c in cells.items() if c.area_lists} == listed, name
            assert {n: c.projects for n, c in cells.items() if c.projects} == dict(counts), name
        top = rows[0].cells
        assert {n for n, c in top.items() if c.area_lists} == set().union(*plan.area_sdgs.values())
        all_counts = Counter(n for _, goals in plan.projects for n in goals)
        assert {n: c.projects for n, c in top.items() if c.projects} == dict(all_counts)
        cross = {n for n, c in top.items() if c.cross_cutting}
        assert cross == (plan.cross_cutting if agreement == LK_PLAN else set())


def test_matrix_rows_of_the_other_agreements_are_empty(sv: Comparison) -> None:
    by_agreement: dict[str, list[Any]] = {}
    for m in sv.matrix:
        by_agreement.setdefault(m.agreement, []).append(m)
    assert [m.level for m in by_agreement[NK_AGREEMENT]] == ["agreement", "area", "area", "area"]
    assert [m.level for m in by_agreement[RO_AGREEMENT]] == ["agreement"] + ["area"] * 4
    assert [m.level for m in by_agreement[LINNE]] == ["agreement"]
    for agreement in (NK_AGREEMENT, RO_AGREEMENT, LINNE):
        assert all(not m.cells for m in by_agreement[agreement])


def test_english(en: Comparison, sources: dict[str, str]) -> None:
    region = row_of(en, RO_AGREEMENT)
    assert {p.label for p in region.partners} == {"Linköping University", "Region Östergötland"}
    assert region.kind_label == "collaboration agreement"
    assert signed_text(en, region) == "spring 2017"
    assert validity_text(en, region) == "unknown"
    assert validity_text(en, row_of(en, NK_AGREEMENT)) == "unknown – December 2020"
    assert row_of(en, LINNE).kind_label == "collaboration network"
    assert [g.label for g in en.goals][4] == "Gender equality"


def test_backends_give_the_same_comparison(
    sparql_backend: str, sv: Comparison, curated_stores: dict[str, Store]
) -> None:
    if sparql_backend not in curated_stores:  # Virtuoso, not installed here (CI installs it)
        pytest.skip(f"{sparql_backend} is not installed")
    other = gather(curated_stores[sparql_backend], "sv")
    assert to_json(other) == to_json(sv)


# --- small graphs: fallbacks and edge cases ------------------------------------------------

SMALL = """
@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix sdgo: <http://metadata.un.org/sdg/ontology#> .
@prefix ex: <https://example.org/> .

<http://metadata.un.org/sdg/4> a sdgo:Goal ; skos:notation "4" ; rdfs:label "Quality education"@en .
<http://metadata.un.org/sdg/13> a sdgo:Goal ; skos:notation "13" .
ex:p a skg:Partnership ; org:hasMember ex:uni, ex:town .
ex:uni rdfs:label "Universitetet"@sv .
ex:town rdfs:label "The town"@en .
ex:a a skg:CollaborationAgreement ; rdfs:label "Avtalet"@sv ; skg:partnership ex:p ;
    skg:hasCollaborationArea ex:area .
ex:area a skg:CollaborationArea ; rdfs:label "Skola"@sv ; skg:sdg <http://metadata.un.org/sdg/4> .
ex:plan a skg:ActionPlan ; skg:implements ex:a ; skg:crossCuttingSDG <http://metadata.un.org/sdg/13> .
ex:proj a skg:Project ; skg:listedIn ex:plan ; skg:partnership ex:p ; skg:withinArea ex:area ;
    skg:sdg <http://metadata.un.org/sdg/4>, <http://metadata.un.org/sdg/13> .
"""


def test_labels_fall_back_to_the_other_language(
    make_store: Callable[[str, str], DatasetStore],
) -> None:
    comparison = gather(make_store(SMALL, "oxigraph"), "en")
    agreement = row_of(comparison, "https://example.org/a")
    assert agreement.label == "Avtalet"  # Swedish only
    assert {p.label for p in agreement.partners} == {"Universitetet", "The town"}
    assert [g.label for g in comparison.goals] == ["Quality education", "13"]


def test_a_plan_takes_its_partnership_and_areas_from_its_agreement(
    make_store: Callable[[str, str], DatasetStore],
) -> None:
    comparison = gather(make_store(SMALL, "oxigraph"), "sv")
    plan = row_of(comparison, "https://example.org/plan")
    assert plan.partnership is not None and plan.partnership.iri == "https://example.org/p"
    assert [a.label for a in plan.areas] == ["Skola"]
    assert plan.sdgs == [4, 13] and plan.cross_cutting_sdgs == [13]
    assert [p.iri for p in plan.projects] == ["https://example.org/proj"]
    assert signed_text(comparison, plan) == "okänt" and validity_text(comparison, plan) == "okänt"
    top, area = [m for m in comparison.matrix if m.agreement == plan.iri]
    assert top.cells[13].cross_cutting and top.cells[13].projects == 1
    assert not top.cells[13].area_lists
    assert area.cells[4].area_lists and area.cells[4].projects == 1


def test_an_empty_graph_compares_nothing(make_store: Callable[[str, str], DatasetStore]) -> None:
    comparison = gather(make_store("", "oxigraph"), "sv")
    assert comparison.rows == [] and comparison.matrix == [] and comparison.goals == []


def test_unsupported_language(store: DatasetStore) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        gather(store, "de")


# --- HTTP ----------------------------------------------------------------------------------


class Tables(HTMLParser):
    """The rows of every table with an id: their attributes and the visible text of each cell.

    Text in a ``visually-hidden`` span (read by screen readers, not drawn) is left out.
    """

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[tuple[dict[str, str], list[str]]]] = {}
        self.html_lang = ""
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._hidden = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "span" and "visually-hidden" in values.get("class", "").split():
            self._hidden = True
        elif tag == "html":
            self.html_lang = values.get("lang", "")
        elif tag == "table" and "id" in values:
            self._table = values["id"]
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append((values, []))
        elif tag in ("td", "th") and self._table and self.tables[self._table]:
            self._cell = []
            self.tables[self._table][-1][1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._hidden = False
        elif tag == "table":
            self._table = None
        elif tag in ("td", "th") and self._table and self._cell is not None:
            self.tables[self._table][-1][1][-1] = " ".join("".join(self._cell).split())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._hidden:
            self._cell.append(data)


def parse_page(html: str) -> Tables:
    parser = Tables()
    parser.feed(html)
    return parser


def test_a_new_column_is_one_column(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page, the CSV and the JSON all follow COLUMNS: one more Column shows everywhere."""
    count = formats.Column(
        "partner_count",
        json=lambda c, r: len(r.partners),
        csv=lambda c, r: str(len(r.partners)),
        page=formats.Shown(
            25, "partner-count", "kind", "count",  # a heading from the words (first "Kind")
            lambda c, r: len(r.partners),
        ),
    )  # fmt: skip
    monkeypatch.setattr(formats, "COLUMNS", (*formats.COLUMNS, count))
    data = client.get("/compare.json", params={"lang": "en"}).json()["agreements"]
    counts = [row["partner_count"] for row in data]
    assert counts == [len(row["partners"]) for row in data] and any(counts)
    lines = list(csv.reader(io.StringIO(client.get("/compare.csv").text)))
    assert lines[0][-1] == "partner_count"
    assert [line[-1] for line in lines[1:]] == [str(n) for n in counts]
    page = parse_page(client.get("/compare", params={"lang": "en"}).text)
    header, *body = page.tables["comparison"]
    assert header[1] == [col.title("en") for col in formats.page_columns()]  # in their places
    at = header[1].index("Kind")  # the new column's, at 25, comes before the kind's (30)
    assert header[1][at - 1] == "Partners"  # its place, 25, is after the partners' (20)
    rows = [cells for attrs, cells in body if "data-iri" in attrs]
    assert [cells[at] for cells in rows] == [str(n) for n in counts]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_page(client: TestClient, lang: str) -> None:
    response = client.get("/compare", params={"lang": lang})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = parse_page(response.text)
    assert page.html_lang == lang
    data = client.get("/compare.json", params={"lang": lang}).json()
    body = [(attrs, cells) for attrs, cells in page.tables["comparison"] if "data-iri" in attrs]
    assert [a["data-iri"] for a, _ in body] == [r["iri"] for r in data["agreements"]]
    place = [col.css for col in formats.page_columns()]  # the page's columns, by class
    for (_, cells), row in zip(body, data["agreements"], strict=True):
        cell = dict(zip(place, cells, strict=True))
        assert cell["label"].startswith(row["label"])
        assert cell["signed"] == row["signed_text"] and cell["validity"] == row["validity_text"]
        assert cell["projects"] == str(row["project_count"])
        assert cell["events"] == str(row["event_count"])
        assert re.findall(r"\d+", cell["sdgs"].split(":")[0]) == [str(n) for n in row["sdgs"]]
    matrix = page.tables["sdg-matrix"]
    header = matrix[0][1]
    assert header[1:18] == [str(n) for n in range(1, 18)]
    assert header[18] == {"sv": "Källan om målen", "en": "What the source says"}[lang]
    rows = matrix[1:]
    assert [(a["class"], a["data-iri"]) for a, _ in rows] == [
        (m["level"], m["iri"]) for m in data["matrix"]
    ]
    for (_, cells), m in zip(rows, data["matrix"], strict=True):
        assert cells[0] == m["label"]
        assert cells[1:18] == [str(c["projects"]) if c["projects"] else "" for c in m["cells"]]
        assert cells[18] == m["sdg_coverage_text"]


def test_csv_matches_json(client: TestClient) -> None:
    for lang in ("sv", "en"):
        data = client.get("/compare.json", params={"lang": lang, "all": "true"}).json()
        response = client.get("/compare.csv", params={"lang": lang, "all": "true"})
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        lines = list(csv.DictReader(io.StringIO(response.text)))
        assert tuple(lines[0]) == AGREEMENT_COLUMNS
        assert len(lines) == len(data["agreements"]) == ROWS
        for line, row in zip(lines, data["agreements"], strict=True):
            assert line["iri"] == row["iri"] and line["label"] == row["label"]
            assert line["kind"] == row["kind"]
            assert line["signed"] == row["signed_text"]
            assert line["validity"] == row["validity_text"]
            assert line["sdgs"].split() == [str(n) for n in row["sdgs"]]
            assert int(line["projects"]) == row["project_count"] == len(row["projects"])
            assert int(line["events"]) == row["event_count"] == len(row["events"])
            cited = [f"{s['title']} <{s['address']}>" if s["address"] else
                     f"{s['title']} ({s['identifier']})" for s in row["sources"]]  # fmt: skip
            assert line["sources"].split(" | ") == cited
            assert not any(".txt" in s and "<" in s for s in cited)  # titles, not file names
            areas = line["collaboration_areas"]
            assert (areas.split(" | ") if areas else []) == [
                a["label"] for a in row["collaboration_areas"]
            ]


def test_matrix_csv_matches_json(client: TestClient) -> None:
    data = client.get("/compare.json").json()
    response = client.get("/compare.csv", params={"table": "matrix"})
    assert response.status_code == 200
    lines = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(lines[0]) == MATRIX_COLUMNS
    expected = [
        (m["level"], m["agreement"], m["iri"], m["label"], c["sdg"], c["area_lists"], c["projects"])
        for m in data["matrix"]
        for c in m["cells"]
    ]
    got = [
        (
            line["level"],
            line["agreement"],
            line["iri"],
            line["label"],
            int(line["sdg"]),
            line["area_lists"] == "true",
            int(line["projects"]),
        )
        for line in lines
    ]
    assert got == expected


def test_json_shape(client: TestClient) -> None:
    response = client.get("/compare.json", params={"lang": "en"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    data = response.json()
    assert data["lang"] == "en"
    assert [g["number"] for g in data["goals"]] == list(range(1, 18))
    assert all(re.fullmatch(r"#[0-9A-F]{6}", g["colour"]) for g in data["goals"])
    types: dict[str, type | tuple[type, ...]] = {
        "iri": str,
        "label": str,
        "kind": str,
        "partners": list,
        "signed": (dict, type(None)),
        "valid_from": (dict, type(None)),
        "valid_until": (dict, type(None)),
        "history": list,
        "governance_bodies": list,
        "collaboration_areas": list,
        "challenges": list,
        "themes": list,
        "sdgs": list,
        "projects": list,
        "project_count": int,
        "events": list,
        "event_count": int,
        "sources": list,
    }
    for row in data["agreements"]:
        for key, kind in types.items():
            assert isinstance(row[key], kind), key
        assert row["kind"] in ("agreement", "action-plan", "network")
        assert all({"iri", "label"} <= set(p) <= {"iri", "label", "curators_judgement"}
                   for p in row["partners"])  # fmt: skip
        for date in (row["signed"], row["valid_from"], row["valid_until"]):
            if date is not None:
                assert date["earliest"] <= date["latest"]
    region = next(r for r in data["agreements"] if r["iri"] == RO_AGREEMENT)
    assert region["signed"] == {
        "label": "spring 2017",
        "earliest": "2017-01-01",
        "latest": "2017-06-30",
        "unit": "https://w3id.org/samverkan-kg/ontology#unitSeason",
    }
    for m in data["matrix"]:
        assert m["level"] in ("agreement", "area")
        assert [c["sdg"] for c in m["cells"]] == list(range(1, 18))


def test_svg_is_served(client: TestClient) -> None:
    response = client.get("/compare/sdg-matrix.svg", params={"lang": "en"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == "image/svg+xml"
    assert response.text.lstrip().startswith("<?xml")


def test_bad_table_is_a_400(client: TestClient) -> None:
    response = client.get("/compare.csv?table=nope")
    assert response.status_code == 400
    assert "use one of" in response.json()["detail"]


@pytest.mark.parametrize(
    "path", ["/compare", "/compare.csv", "/compare.json", "/compare/sdg-matrix.svg"]
)
def test_one_language_rule_like_every_page(client: TestClient, path: str) -> None:
    """Issue 11, defect 5: ?lang=, then Accept-Language (an unknown ?lang= falls back)."""
    english = client.get(path, headers={"Accept-Language": "en-GB,en;q=0.9"})
    swedish = client.get(path, headers={"Accept-Language": "sv"})
    chosen = client.get(path + "?lang=sv", headers={"Accept-Language": "en"})
    unknown = client.get(path + "?lang=de", headers={"Accept-Language": "en"})
    assert english.status_code == swedish.status_code == unknown.status_code == 200

    def language(response: Any) -> str:
        if path == "/compare":  # a page: its html lang (its links also carry a choice)
            found = re.search(r'<html lang="(\w+)"', response.text)
            assert found
            return found.group(1)
        return (
            "en"
            if response.text == english.text
            else "sv"
            if response.text == swedish.text
            else "?"
        )

    assert english.text != swedish.text
    assert [language(r) for r in (english, swedish, chosen, unknown)] == ["en", "sv", "sv", "en"]
    assert "Accept-Language" in english.headers["vary"]


def test_a_lang_choice_is_kept_on_the_next_click(client: TestClient) -> None:
    page = client.get("/compare?lang=en", headers={"Accept-Language": "sv"}).text
    local = re.findall(r'href="(/[^"#]*)', page)
    resource_links = [h for h in local if h.startswith(("/agreement/", "/partner/", "/area/"))]
    assert resource_links and all("lang=en" in h for h in resource_links)
    assert 'href="/queries?lang=en"' in page and 'href="/browse?lang=en"' in page
    # without a choice, links stay clean (the browser's language applies on the next page)
    plain = client.get("/compare", headers={"Accept-Language": "en"}).text
    assert 'href="/queries"' in plain
