"""The reader chooses what /compare compares (service.compare.choice): the form, the address,
the downloads and `samverkan compare` follow one choice, and the comparison asks the store
about the chosen agreements only.

The tests compare the seeds' graph (the curated graph without the register's partnerships,
data/workbooks/): five rows, Linköping University's three agreements and one action plan,
and Linnaeus University's network (tests/compare/test_compare.py reads them off the
sources); the register's rows would change every expected list as the register grows.
"""

import csv
import io
import json
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from locations import REPO
from rdflib import Literal

from service.app import create_app
from service.build import open_store
from service.compare.choice import MAX_LIMIT, Choice
from service.compare.model import gather
from service.paths import default_graph_files
from service.settings import Settings

sys.path.insert(0, str(REPO / "bench"))
import synth
from test_compare import BASE, LINNE, LK_AGREEMENT, LK_PLAN, NK_AGREEMENT, RO_AGREEMENT
from test_compare_cli import samverkan

LIU = BASE + "partner/linkopings-universitet"
LNU = BASE + "partner/linneuniversitetet"
NORRKOPING = BASE + "partner/norrkopings-kommun"
EVERY = [LK_AGREEMENT, LK_PLAN, NK_AGREEMENT, RO_AGREEMENT, LINNE]


#: The register's partnerships, each imported from its workbook into data/NAME.ttl.
REGISTER = {p.name for p in (REPO / "data" / "workbooks").iterdir()}
SEEDS = [f for f in default_graph_files() if f.stem not in REGISTER]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(files=SEEDS)  # type: ignore[call-arg]
    store = open_store(settings)
    with TestClient(create_app(settings, store)) as test_client:
        yield test_client
    store.close()


def rows(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/compare.json", params=params)
    assert response.status_code == 200, response.text
    return [row["iri"] for row in response.json()["agreements"]]


class Form(HTMLParser):
    """The choice form's controls (by id), their labels and the page's links."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: dict[str, dict[str, str | None]] = {}
        self.labelled: set[str] = set()
        self.selected: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self._select: str | None = None
        self._link: str | None = None
        self.in_form = False
        self.form: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and "choice" in (a.get("class") or ""):
            self.in_form, self.form = True, a
        if self.in_form and tag in ("select", "input") and a.get("type") != "hidden":
            self.controls[a["id"] or ""] = a
            if tag == "select":
                self._select = a.get("name")
        if self.in_form and tag == "label" and a.get("for"):
            self.labelled.add(a["for"] or "")
        if tag == "option" and self._select and "selected" in a:
            self.selected[self._select] = a.get("value") or ""
        if tag == "a" and a.get("href"):
            self._link = a["href"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "form":
            self.in_form = False
        if tag == "a":
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._link and data.strip():
            self.links[data.strip()] = self._link


def page(client: TestClient, path: str) -> tuple[Form, str]:
    response = client.get(path)
    assert response.status_code == 200, response.text
    form = Form()
    form.feed(response.text)
    return form, response.text


def test_the_default_is_the_agreements_of_the_university_with_the_most(client: TestClient) -> None:
    data = client.get("/compare.json").json()
    assert [row["iri"] for row in data["agreements"]] == EVERY[:4]
    assert data["choice"]["default"] is True and data["choice"]["universities"] == [LIU]
    assert data["choice"]["total"] == 4 and not data["choice"]["truncated"]


def test_the_form_is_a_get_form_whose_every_control_has_a_label(client: TestClient) -> None:
    form, html = page(client, "/compare?lang=en")
    assert form.form.get("method") == "get" and form.form.get("action", "").endswith("/compare")
    names = {c.get("name") for c in form.controls.values()}
    assert {"university", "partner", "partner_kind", "year", "name", "limit", "group"} <= names
    assert set(form.controls) <= form.labelled  # every control has its <label for=…>
    assert form.selected["university"] == LIU  # the default, shown as chosen
    assert "Linköping University, the university with the most" in html


def test_the_seeds_comparison_is_one_link_away(client: TestClient) -> None:
    form, _ = page(client, "/compare?lang=en")
    every = form.links["Every agreement"]
    query = parse_qs(urlsplit(every).query)
    assert rows(client, **{k: v[0] for k, v in query.items()}) == EVERY


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"university": LNU}, [LINNE]),
        ({"partner": NORRKOPING}, [NK_AGREEMENT]),
        ({"partner_kind": "skg:Region"}, [RO_AGREEMENT]),
        ({"partner_kind": BASE + "ontology#Region"}, [RO_AGREEMENT]),
        ({"year": "2017"}, [NK_AGREEMENT, RO_AGREEMENT]),
        ({"year": "2021"}, [LK_AGREEMENT, LK_PLAN]),
        ({"name": "NORRKÖPING"}, [NK_AGREEMENT]),
        ({"name": "linnékommuner"}, [LINNE]),
        ({"agreement": [RO_AGREEMENT, LINNE]}, [RO_AGREEMENT, LINNE]),
        ({"university": [LIU, LNU], "year": "2017"}, [NK_AGREEMENT, RO_AGREEMENT]),
        ({"university": LNU, "year": "2017"}, []),
        ({"all": "true", "limit": "2"}, EVERY[:2]),
    ],
)
def test_each_choice_picks_its_agreements(
    client: TestClient, params: dict[str, Any], expected: list[str]
) -> None:
    assert rows(client, **params) == expected


def test_a_capped_choice_says_how_many_it_left_out(client: TestClient) -> None:
    data = client.get("/compare.json", params={"all": "true", "limit": "3"}).json()
    assert data["choice"] | {"total": 5, "shown": 3, "truncated": True} == data["choice"]
    _, html = page(client, "/compare?all=true&limit=3&lang=en")
    assert "3 of 5 agreements chosen" in html and "shows the first 3" in html


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"year": "twenty"}, "year"),
        ({"limit": str(MAX_LIMIT + 1)}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"university": "not an iri"}, "university"),
        ({"agreement": "<x>"}, "agreement"),
        ({"partner_kind": "skg:Project"}, "partner_kind"),
        ({"name": "x" * 201}, "name"),
        ({"group": "kommun"}, "group"),
    ],
)
@pytest.mark.parametrize("path", ["/compare", "/compare.csv", "/compare.json"])
def test_a_bad_choice_is_a_400_naming_the_value(
    client: TestClient, path: str, params: dict[str, str], name: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 400
    assert name in response.text


def test_the_downloads_and_the_language_switch_keep_the_choice(client: TestClient) -> None:
    form, _ = page(client, "/compare?lang=en&year=2017&group=university")
    assert form.selected["year"] == "2017" and form.selected["group"] == "university"
    csv_link = urljoin("http://testserver/compare", form.links["CSV"])
    lines = list(csv.DictReader(io.StringIO(client.get(csv_link).text)))
    assert [line["iri"] for line in lines] == [NK_AGREEMENT, RO_AGREEMENT]
    svg = client.get(urljoin("http://testserver/compare", form.links["SVG (matrix)"])).text
    assert 'class="matrix-row group"' in svg and f'data-iri="{LIU}"' in svg
    swedish = parse_qs(urlsplit(form.links["Svenska"]).query)
    assert swedish["year"] == ["2017"] and swedish["group"] == ["university"]


def test_the_matrix_grouped_by_university(client: TestClient) -> None:
    data = client.get("/compare.json", params={"all": "true", "group": "university"}).json()
    levels = [(m["level"], m["iri"]) for m in data["matrix"]]
    assert levels == [
        ("group", LIU),
        *(("agreement", iri) for iri in EVERY[:4]),
        ("group", LNU),
        ("agreement", LINNE),
    ]
    by_iri = {(m["level"], m["iri"]): m for m in data["matrix"]}
    liu = by_iri[("group", LIU)]
    for goal, cell in enumerate(liu["cells"]):
        nested = [by_iri[("agreement", iri)]["cells"][goal] for iri in EVERY[:4]]
        assert cell["area_lists"] == any(c["area_lists"] for c in nested)
        assert cell["cross_cutting"] == any(c["cross_cutting"] for c in nested)
        # The agreement counts its partnership's projects, the plan those it lists: a
        # project counts once in the group (the plan's are among the partnership's).
        assert cell["projects"] == max(c["projects"] for c in nested)
    assert any(c["projects"] for c in liu["cells"])


def test_the_matrix_grouped_by_partner_has_the_members_that_are_not_universities(
    client: TestClient,
) -> None:
    data = client.get("/compare.json", params={"all": "true", "group": "partner"}).json()
    groups = [m["label"] for m in data["matrix"] if m["level"] == "group"]
    assert groups == sorted(groups, key=str.casefold)
    partners = {p["iri"] for row in data["agreements"] for p in row["partners"]}
    assert {m["iri"] for m in data["matrix"] if m["level"] == "group"} == partners - {LIU, LNU}
    _, html = page(client, "/compare?all=true&group=partner&lang=en")
    assert "Partner / agreement" in html and 'class="sdg-matrix grouped"' in html


def test_the_command_takes_the_same_choice(client: TestClient) -> None:
    seeds = [arg for f in SEEDS for arg in ("--data", str(f))]
    done = samverkan(
        "--year", "2017", "--university", LIU, "--format", "json", "--lang", "en", *seeds
    )
    assert done.returncode == 0, done.stderr
    served = client.get(
        "/compare.json", params={"year": "2017", "university": LIU, "lang": "en"}
    ).json()
    assert json.loads(done.stdout) == served
    default = samverkan(*seeds)
    assert default.returncode == 0, default.stderr
    lines = list(csv.DictReader(io.StringIO(default.stdout)))
    assert [line["iri"] for line in lines] == EVERY[:4]
    grouped = samverkan("--all", "--group", "partner", "--format", "json")
    assert {m["level"] for m in json.loads(grouped.stdout)["matrix"]} == {"group", "agreement"}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--year", "MMXVII"], "--year: 'MMXVII' is not a year"),
        (["--partner-kind", "skg:Nope"], "--partner-kind: 'skg:Nope' is not a kind"),
        (["--limit", "51"], "--limit: '51' is not a number from 1 to 50"),
    ],
)
def test_the_command_refuses_a_bad_choice(args: list[str], said: str) -> None:
    done = samverkan(*args)
    assert done.returncode == 2 and done.stdout == ""
    assert said in done.stderr and "Traceback" not in done.stderr


def test_a_choice_asks_about_the_chosen_agreements_only(
    make_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a synthetic register (bench/synth.py, 1e4 triples) one agreement's comparison
    reads a few hundred answer rows, not the graph, and equals its row in the whole one."""
    text = io.StringIO()
    synth.generate(10_000, 3, text)
    store = make_store(text.getvalue())
    answered: list[int] = []
    select = store.select

    def counted(sparql: str, bindings: dict[str, Literal] | None = None) -> Any:
        result = select(sparql, bindings)
        answered.append(len(result.rows))
        return result

    monkeypatch.setattr(store, "select", counted)
    everything = gather(store, "en")
    whole = sum(answered[2:])  # past the curators' claims and the selection
    chosen = everything.rows[2]
    answered.clear()
    one = gather(store, "en", Choice(agreements=(chosen.iri,)))
    assert one.rows == [chosen]
    assert [m for m in everything.matrix if m.agreement == chosen.iri] == one.matrix
    _claims, selection, *rest = answered
    assert selection == 1 and sum(rest) * 10 < whole
