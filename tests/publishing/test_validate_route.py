"""`POST /validate` through the real app: RDF and templates in, the SHACL report out as
JSON, Turtle or a page; bad and oversized uploads answered with 4xx and a message."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from publishing_support import FIXTURE
from rdflib import Graph, Literal

from service.app import create_app
from service.namespaces import SH
from service.publishing.convert import tables_to_graph
from service.publishing.dumps import graph_turtle
from service.publishing.routes import MAX_UPLOAD
from service.publishing.workbook import read_tables, write_xlsx
from service.settings import Settings
from service.store.querying import DatasetStore

HTML = {"accept": "text/html"}
TURTLE = {"content-type": "text/turtle"}
INCOMPLETE = """@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/samverkan-kg/project/halvfardigt> a skg:Project ; rdfs:label "Halvfärdigt projekt"@sv ."""


@pytest.fixture(scope="module")
def client(curated_store: DatasetStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), curated_store)) as curated:
        yield curated


@pytest.fixture(scope="module")
def fixture_turtle(partnership: Path) -> str:
    return graph_turtle(tables_to_graph(read_tables(partnership)).graph)


def test_the_form(client: TestClient) -> None:
    page = client.get("/validate?lang=en")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'enctype="multipart/form-data"' in page.text and '<label for="file">' in page.text
    assert 'href="/validate"' in client.get("/compare").text  # linked from the site's pages


def test_a_conforming_partnership_as_turtle(client: TestClient, fixture_turtle: str) -> None:
    answer = client.post("/validate", content=fixture_turtle.encode(), headers=TURTLE)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["conforms"] is True and report["violations"] == 0 and report["input"] == "rdf"


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("json-ld", "application/ld+json"),
        ("nt", "application/n-triples"),
        ("xml", "application/rdf+xml"),
    ],
)
def test_other_rdf_syntaxes(
    client: TestClient, fixture_turtle: str, fmt: str, media_type: str
) -> None:
    body = Graph().parse(data=fixture_turtle, format="turtle").serialize(format=fmt)
    answer = client.post("/validate", content=body.encode(), headers={"content-type": media_type})
    assert answer.status_code == 200, answer.text
    assert answer.json()["conforms"] is True


def test_problems_with_labels_and_hints(client: TestClient) -> None:
    report = client.post("/validate?lang=en", content=INCOMPLETE.encode(), headers=TURTLE).json()
    assert report["conforms"] is False
    by_property = {r["property"]: r for r in report["results"] if r["severity"] == "Violation"}
    assert {"dct:source", "skg:partnership"} <= set(by_property)
    source = by_property["dct:source"]
    assert source["label"] == "Halvfärdigt projekt"
    assert source["hint"] == "Fill in dct:source."


def test_a_template_reports_sheet_row_and_column(
    client: TestClient, tmp_path: Path, partnership: Path
) -> None:
    tables = read_tables(partnership)
    header = tables["Projekt"][0]
    tables["Projekt"][1][header.index("Källor")] = ""
    write_xlsx(tables, tmp_path / "mall.xlsx")
    upload = {
        "file": ("mall.xlsx", (tmp_path / "mall.xlsx").read_bytes(), "application/octet-stream")
    }
    report = client.post("/validate?lang=sv", files=upload).json()
    assert report["conforms"] is False and report["input"] == "template"
    problem = next(r for r in report["results"] if r["property"] == "dct:source")
    assert problem["where"] == "Projekt!2"
    assert problem["label"] == "Gröna tak i Exempelstad"
    assert problem["hint"] == "Fyll i 'Källor'."  # the column to fill, named as in the sheet
    page = client.post("/validate", files=upload, headers=HTML)
    assert page.status_code == 200
    assert '<table class="problems">' in page.text and "Projekt!2" in page.text
    assert "Fyll i &#39;Källor&#39;." in page.text


def test_csv_files_as_a_template(client: TestClient, partnership: Path) -> None:
    files = [
        ("file", (p.name, p.read_bytes(), "text/csv")) for p in sorted(partnership.glob("*.csv"))
    ]
    report = client.post("/validate", files=files).json()
    assert report["conforms"] is True, report


def test_unreadable_cells_are_a_400_naming_the_cell(client: TestClient) -> None:
    upload = {"file": ("Projekt.csv", "ID,Start\nx,Hösten 20201\n".encode(), "text/csv")}
    answer = client.post("/validate", files=upload)
    assert answer.status_code == 400
    found = answer.json()["problems"]
    assert found[0] == (
        "Projekt!B2 (column \"Start\"): 'Hösten 20201' is not a date the template understands: "
        "write a year, a month and year, or 'våren'/'hösten' and a year"
    )
    # The shapes' violations of the same upload come in the same round.
    assert any(
        p.startswith('Projekt!2 (column "Partnerskap", not in the sheet: add it): ')
        for p in found[1:]
    ), found
    page = client.post("/validate", files=upload, headers=HTML)
    assert page.status_code == 400 and "Projekt!B2" in page.text


def test_report_as_turtle(client: TestClient) -> None:
    answer = client.post("/validate?format=ttl", content=INCOMPLETE.encode(), headers=TURTLE)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=answer.text, format="turtle")
    report = next(graph.subjects(SH.conforms, None))
    assert graph.value(report, SH.conforms) == Literal(False)
    assert len(list(graph.objects(report, SH.result))) >= 2


def test_alone_validates_with_the_ontology_only(client: TestClient, fixture_turtle: str) -> None:
    # The fixture names concept:handlingsplan and concept:projekt from data/: alone, they are
    # undescribed, so the report differs from the one against the served graph.
    alone = client.post(
        "/validate?alone=true", content=fixture_turtle.encode(), headers=TURTLE
    ).json()
    assert alone["conforms"] is False


def test_a_resource_another_file_describes_is_refused(client: TestClient) -> None:
    """The served graph is every file plus the upload: a resource the graph already
    describes is not silently replaced (serve would load both descriptions)."""
    turtle = """@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/samverkan-kg/project/studentstrategi> a skg:Project ;
  rdfs:label "Studentstrategi"@sv, "Student strategy"@en ;
  skg:partnership <https://w3id.org/samverkan-kg/partnership/liu-linkopings-kommun> ;
  dct:type <https://w3id.org/samverkan-kg/concept/projekt> ;
  skg:start [ a time:DateTimeDescription ; time:unitType time:unitYear ; time:year "2023"^^xsd:gYear ;
    skg:earliest "2023-01-01"^^xsd:date ; skg:latest "2023-12-31"^^xsd:date ; rdfs:label "2023"@sv, "2023"@en ] ;
  dct:source <https://w3id.org/samverkan-kg/source/001_7658455127dcdd56> ."""
    report = client.post("/validate", content=turtle.encode(), headers=TURTLE).json()
    assert report["conforms"] is False
    assert any(
        p.startswith("upload: project/studentstrategi is already described in data/linkoping.ttl")
        and 'rdfs:label: here "Studentstrategi"@sv' not in p
        for p in report["problems"]
    ), report["problems"]


@pytest.mark.parametrize(
    ("body", "headers", "status", "message"),
    [
        (b"@prefix x: <y> . x:a x:b", TURTLE, 400, "upload:1:"),
        (b"{not json", {"content-type": "application/ld+json"}, 400, "upload:"),
        (b"<a><b>", {"content-type": "application/rdf+xml"}, 400, "upload"),
        (b"", TURTLE, 400, "send RDF or a template"),
        (b"hello", {"content-type": "text/plain"}, 415, "send a template"),
        (
            b"PK\x03\x04broken",
            {"content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
            400,
            "not an XLSX workbook",
        ),
    ],
)
def test_bad_uploads(
    client: TestClient, body: bytes, headers: dict[str, str], status: int, message: str
) -> None:
    answer = client.post("/validate", content=body, headers=headers)
    assert answer.status_code == status, answer.text
    assert message in answer.json()["detail"]


def test_uploads_are_capped(client: TestClient) -> None:
    body = b"#" * (MAX_UPLOAD + 1)
    answer = client.post("/validate", content=body, headers=TURTLE)
    assert answer.status_code == 413
    upload = {"file": ("big.ttl", body, "text/turtle")}
    assert client.post("/validate", files=upload).status_code == 413


def test_an_empty_form_post(client: TestClient) -> None:
    answer = client.post("/validate", files={"other": ("x.ttl", b"", "text/turtle")})
    assert answer.status_code == 400
    assert "choose a file" in json.loads(answer.text)["detail"]


def test_a_workbook_that_unpacks_too_far_is_refused(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile
    from io import BytesIO

    from service.publishing import workbook

    monkeypatch.setattr(workbook, "MAX_UNPACKED", 1024 * 1024)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (2 * 1024 * 1024))
    upload = {"file": ("bomb.xlsx", buffer.getvalue(), "application/octet-stream")}
    answer = client.post("/validate", files=upload)
    assert answer.status_code == 400
    assert "unpacks to more than 1 MB" in answer.json()["detail"]


def test_xml_entities_in_a_workbook_are_refused(client: TestClient, tmp_path: Path) -> None:
    """openpyxl reads with defusedxml: an entity declaration (a billion laughs) is refused."""
    import zipfile

    write_xlsx(read_tables(FIXTURE), tmp_path / "mall.xlsx")
    evil = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(tmp_path / "mall.xlsx") as source, zipfile.ZipFile(evil, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/workbook.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + data
                data = data.replace(b"<sheet ", b'<sheet a="&b;" ', 1)
            target.writestr(entry, data)
    answer = client.post(
        "/validate", files={"file": ("evil.xlsx", evil.read_bytes(), "application/octet-stream")}
    )
    assert answer.status_code == 400
    assert "not an XLSX workbook" in answer.json()["detail"]


def test_the_forms_alone_box(client: TestClient, fixture_turtle: str) -> None:
    upload = {"file": ("p.ttl", fixture_turtle.encode(), "text/turtle")}
    assert client.post("/validate", files=upload).json()["conforms"] is True
    alone = client.post("/validate", files=upload, data={"alone": "true"}).json()
    assert alone["conforms"] is False
