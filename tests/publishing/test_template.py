"""The template in-process: rows ↔ RDF, the round trip on the curated data, cell errors."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from publishing_support import FIXTURE
from rdflib import Graph, Literal, URIRef

from service.loading.rdf import load_graph
from service.loading.validation import load_shapes
from service.namespaces import BASE, PROV, RDF, RDFS, SH, SKG, SKOS
from service.paths import data_files
from service.publishing.convert import (
    TemplateError,
    graph_to_tables,
    parse_ref,
    ref_text,
    slug,
    tables_to_graph,
)
from service.publishing.dumps import isomorphic
from service.publishing.template import OTHER, SHEETS
from service.publishing.template_files import template_markdown, write_template_files
from service.publishing.workbook import empty_tables, read_tables, write_csv_folder, write_xlsx


@pytest.fixture(scope="module")
def curated() -> Graph:
    return load_graph(data_files())


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_round_trip_of_the_curated_data(curated: Graph, tmp_path: Path, kind: str) -> None:
    tables = graph_to_tables(curated)
    target = tmp_path / ("t.xlsx" if kind == "xlsx" else "t")
    (write_xlsx if kind == "xlsx" else write_csv_folder)(tables, target)
    again = tables_to_graph(read_tables(target)).graph
    assert len(again) == len(curated)
    assert isomorphic(again, curated)


def test_the_sheets_hold_the_partnerships_not_the_leftovers(curated: Graph) -> None:
    tables = graph_to_tables(curated)
    projects = {row[0] for row in tables["Projekt"][1:]}
    assert {"ulf", "klimatneutrala-linkoping-2030", "studentmedarbetare"} <= projects
    header = tables["Projekt"][0]
    ulf = dict(zip(header, next(r for r in tables["Projekt"][1:] if r[0] == "ulf"), strict=True))
    assert ulf["Start"] == "augusti 2021"
    assert ulf["Globala mål"] == "4, 5, 10, 17"
    assert ulf["Samverkansområde"] == "lk-hallbar-valfard"
    assert ulf["Ansvariga (lärosäte)"] == "liu-tema-barn"
    assert ulf["Ansvariga (partner)"] == "lk-utbildnings-och-arbetsmarknadsforvaltningen"
    assert ulf["Återrapportering senast"] == "hösten 2022"
    # Projects' own facts are in their rows: none left over for Övrigt but what no column holds.
    left = {r[1] for r in tables[OTHER][1:] if r[0] == "project/ulf"}
    columns = {
        "rdfs:label",
        "skg:start",
        "skg:sdg",
        "skg:withinArea",
        "skg:responsibleUnit",
        "skg:statusText",
        "skg:partnership",
        "skg:listedIn",
        "dct:source",
        "skg:reportingDue",
    }
    assert not left & columns, left


def test_export_is_stable(curated: Graph) -> None:
    shuffled = Graph()
    for triple in sorted(curated, key=str, reverse=True):
        shuffled.add(triple)
    assert graph_to_tables(curated) == graph_to_tables(shuffled)


def test_an_empty_template_has_every_sheet_and_header(tmp_path: Path) -> None:
    write_xlsx(empty_tables(), tmp_path / "mall.xlsx")
    book = load_workbook(tmp_path / "mall.xlsx")
    assert book.sheetnames[0] == "Instruktioner"
    for sheet in SHEETS:
        assert [c.value for c in book[sheet.name][1]] == sheet.headers
    assert [c.value for c in book[OTHER][1]] == ["Resurs", "Egenskap", "Värde", "Typ av värde"]


def test_the_fixture_reads_with_minted_iris() -> None:
    imported = tables_to_graph(read_tables(FIXTURE))
    project = URIRef(BASE + "project/grona-tak-i-exempelstad")  # minted from the Swedish name
    assert (project, RDF.type, SKG.Project) in imported.graph
    assert imported.origins[project] == "Projekt!2"
    label = next(
        t for t in imported.graph.triples((project, RDFS.label, None)) if t[2].language == "sv"
    )
    assert imported.cells[label] == "Projekt!E2"


def _projekt(rows: list[list[str]]) -> dict[str, list[list[object]]]:
    header = [
        "ID",
        "Partnerskap",
        "Handlingsplan",
        "Samverkansområde",
        "Aktivitet/projekt/initiativ (sv)",
        "Start",
        "Globala mål",
    ]
    return {"Projekt": [header, *rows]}  # type: ignore[list-item]


def test_errors_name_sheet_row_and_column() -> None:
    rows = [["x", "p", "", "", f"Projekt {i}", "2022", "5"] for i in range(5)]
    rows.append(["y", "p", "", "", "Projekt y", "Hösten 20201", "5, 18"])
    with pytest.raises(TemplateError) as caught:
        tables_to_graph(_projekt([[f"p{i}", *r[1:]] for i, r in enumerate(rows)]))
    assert caught.value.problems == [
        'Projekt!F7 (column "Start"): '
        + "'Hösten 20201' is not a date the template understands: write a year, a month and year, or 'våren'/'hösten' and a year",
        'Projekt!G7 (column "Globala mål"): '
        + "'5, 18' is not a list of global goals: write the goals' numbers (1–17) separated by commas, e.g. '5, 7, 11, 17'",
    ]


@pytest.mark.parametrize(
    ("tables", "problem"),
    [
        (
            {"Projekt": [["ID", "Startdatum"], ["x", "2022"]]},
            "Projekt!B1: unknown column 'Startdatum'",
        ),
        (
            {"Projekt": [["ID", "Start", "Start"], ["x", "2022", "2023"]]},
            "Projekt!C1: column 'Start' appears twice",
        ),
        ({"Blad1": [["ID"], ["x"]]}, "Blad1: unknown sheet"),
        (
            {"Projekt": [["ID", "Start"], ["", "2022"]]},
            'Projekt!A2 (column "ID"): a row needs an ID or a name in',
        ),
        ({"Projekt": [["ID"], ["x y"]]}, "Projekt!A2 (column \"ID\"): 'x y' is not an ID"),
        (
            {"Projekt": [["ID"], ["x"], ["x"]]},
            "Projekt!A3 (column \"ID\"): ID 'x' is already used on row 2",
        ),
        (
            {"Partner": [["ID", "Typ"], ["x", "bolag"]]},
            'Partner!B2 (column "Typ"): '
            + "'bolag' is not a type of this sheet (use one of: universitet, kommun",
        ),
        (
            {"Projekt": [["ID", "Samverkansområde"], ["x", "a b, c"]]},
            "Projekt!B2 (column \"Samverkansområde\"): 'a b' is not an ID",
        ),
        (
            {
                "Övrigt": [
                    ["Resurs", "Egenskap", "Värde", "Typ av värde"],
                    ["project/x", "nope:p", "v", ""],
                ]
            },
            'Övrigt!B2 (column "Egenskap"): write the property as a prefixed name',
        ),
        (
            {
                "Övrigt": [
                    ["Resurs", "Egenskap", "Värde", "Typ av värde"],
                    ["project/x", "skos:note", "v", "1x!"],
                ]
            },
            "Övrigt!D2 (column \"Typ av värde\"): '1x!': write a language",
        ),
    ],
)
def test_problems_each_say_where_and_what(
    tables: dict[str, list[list[object]]], problem: str
) -> None:
    with pytest.raises(TemplateError) as caught:
        tables_to_graph(tables)  # type: ignore[arg-type]
    assert any(p.startswith(problem) for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize(
    ("name", "minted"),
    [
        ("Hållbar välfärd", "hallbar-valfard"),
        ("Gröna tak i Exempelstad", "grona-tak-i-exempelstad"),
        (
            "ULF-projektet (Utveckling, Lärande, Forskning)",
            "ulf-projektet-utveckling-larande-forskning",
        ),
        ("Linnéuniversitetet", "linneuniversitetet"),
        ("Studentlivet.se", "studentlivet-se"),
    ],
)
def test_slugs_follow_the_curated_iris(name: str, minted: str) -> None:
    assert slug(name) == minted


@pytest.mark.parametrize(
    ("iri", "path", "text"),
    [
        (BASE + "area/lk-x", "area/", "lk-x"),
        (BASE + "unit/lk-x", "area/", "unit/lk-x"),
        ("http://metadata.un.org/sdg/5", "", "sdg:5"),
        ("https://schema.org/Place", "", "schema:Place"),
        ("http://example.org/other#x", "", "http://example.org/other#x"),
    ],
)
def test_references_round_trip(iri: str, path: str, text: str) -> None:
    assert ref_text(URIRef(iri), BASE, path) == text
    assert parse_ref(text, BASE, path) == URIRef(iri)


def _workbook_contents(path: Path) -> dict[str, object]:
    """What a person sees in a workbook: values, required marks and drop-down lists."""
    book = load_workbook(path)
    seen: dict[str, object] = {}
    for page in book.worksheets:
        seen[page.title] = (
            [[c.value for c in row] for row in page.iter_rows()],
            [(c.value, c.fill.fgColor.rgb, c.comment and c.comment.text) for c in page[1]],
            sorted(
                (str(v.sqref), v.formula1, bool(v.showErrorMessage))
                for v in page.data_validations.dataValidation
            ),
        )
    return seen


def test_the_committed_template_files_are_generated_from_the_declaration(tmp_path: Path) -> None:
    """templates/mall.xlsx, templates/mall/ and docs/template.md are what
    `python -m service.publishing.template_files` writes from template.py."""
    from locations import REPO

    write_template_files(tmp_path)
    assert _workbook_contents(REPO / "templates" / "mall.xlsx") == _workbook_contents(
        tmp_path / "templates" / "mall.xlsx"
    )
    committed = sorted(p.name for p in (REPO / "templates" / "mall").iterdir())
    assert committed == sorted(p.name for p in (tmp_path / "templates" / "mall").iterdir())
    for name in committed:
        assert (REPO / "templates" / "mall" / name).read_bytes() == (
            tmp_path / "templates" / "mall" / name
        ).read_bytes(), name
    assert (REPO / "docs" / "template.md").read_text(encoding="utf-8") == template_markdown()


def test_the_workbook_marks_required_columns_and_offers_lists(tmp_path: Path) -> None:
    write_xlsx(empty_tables(), tmp_path / "mall.xlsx")
    book = load_workbook(tmp_path / "mall.xlsx")
    avtal = book["Avtal"]
    headers = {c.value: c for c in avtal[1]}
    assert headers["Namn (sv)"].comment.text == "Obligatorisk / required"
    assert headers["Namn (en)"].comment is None
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in avtal.data_validations.dataValidation}
    letter = {h: c.column_letter for h, c in headers.items()}
    assert lists[f"{letter['Typ']}2"] == '"avtal,handlingsplan"'
    assert (
        lists[f"{letter['Övergripande globala mål']}2"]
        == '"' + ",".join(str(n) for n in range(1, 18)) + '"'
    )
    assert lists[f"{letter['Parter']}2"] == "'Partner'!$A$2:$A$501"
    assert (
        lists[f"{letter['Finansiering']}2"] == '"se bladet Finansiering,inga ekonomiska åtaganden"'
    )
    assert book.sheetnames[0] == "Instruktioner"
    assert any("Required: Namn (sv), Källor" in (r[0] or "") for r in book["Instruktioner"].values)


def _required_by_shapes() -> set[tuple[URIRef, URIRef]]:
    """(class, property) pairs a shape requires (sh:minCount >= 1 on a sh:targetClass)."""
    shapes = load_shapes()
    found = set()
    for shape, cls in shapes.subject_objects(SH.targetClass):
        for prop in shapes.objects(shape, SH.property):
            path, least = shapes.value(prop, SH.path), shapes.value(prop, SH.minCount)
            if isinstance(path, URIRef) and least is not None and int(least) >= 1:
                found.add((cls, path))
    return found


def test_every_column_the_shapes_require_is_marked_required() -> None:
    """No hidden requirement: a column whose property a shape requires of the sheet's
    (default) class says so in the workbook (Fil, Begreppsschema, Källor, …)."""
    required = _required_by_shapes()
    unmarked = [
        (sheet.name, column.header)
        for sheet in SHEETS
        for column in sheet.columns
        if not column.via
        and (next(iter(sheet.types.values())), column.predicate) in required
        and not column.required
        and column.kind != "reading"  # the same property as the column beside it
    ]
    assert not unmarked


def test_the_documentation_names_every_sheet_and_column() -> None:
    text = template_markdown()
    for sheet in SHEETS:
        assert f"### {sheet.name}\n" in text
        section = text.split(f"### {sheet.name}\n", 1)[1].split("\n### ", 1)[0]
        for header in sheet.headers:
            assert f"| {header} |" in section, (sheet.name, header)
        for word in sheet.types if sheet.type_column else ():
            assert f"`{word}`" in section


def test_every_codec_round_trips_through_its_column() -> None:
    """The new kinds of cell (choice, reading, address, nested columns) are written back
    into their own columns, not into Övrigt, and read again into the same graph."""
    tables: dict[str, list[list[object]]] = {
        "Källor": [
            ["ID", "Titel (sv)", "Adress", "Hämtad"],
            ["webb", "Sida", "https://example.org/a", "2025-01-02"],
        ],
        "Avtal": [
            [
                "ID",
                "Namn (sv)",
                "Gäller tills vidare",
                "Övergripande globala mål",
                "Övergripande globala mål (koordinatorns läsning)",
                "Mål i källan",
                "Finansiering",
                "Samverkansformer",
                "Förnyar",
            ],
            [
                "a",
                "Avtal",
                "tills vidare",
                "5",
                "11, 3",
                "anges",
                "se bladet Finansiering",
                "kompetensutveckling",
                "b",
            ],
        ],
        "Finansiering": [
            ["ID", "Avtal", "Benämning (sv)", "Finansiär", "Belopp", "Valuta", "Från"],
            ["f", "a", "Bidrag", "linkopings-kommun", "1500000", "SEK", "2024"],
        ],
        "Undertecknare": [
            [
                "ID",
                "Avtal",
                "Benämning (sv)",
                "Undertecknar för",
                "Roll (sv)",
                "Ort",
                "Datum",
                "Person",
            ],
            [
                "u",
                "a",
                "Underskrift",
                "x",
                "kommundirektör",
                "Linköping",
                "3 maj 2024",
                "p",
            ],
        ],
        "Belägg": [
            ["ID", "Gäller", "Benämning (sv)", "Egenskaper", "Källa", "Start", "Slut", "SHA-256"],
            ["e", "agreement/a", "Belägg", "skg:validFrom", "webb", "10", "42", "ab" * 32],
        ],
        "Partner": [
            [
                "ID",
                "Typ",
                "Namn (sv)",
                "Wikidata",
                "ROR",
                "ROR: källa",
                "Länskod",
                "Länskod: källa",
                "Länskod: anmärkning (sv)",
            ],
            [
                "x",
                "region",
                "X",
                "Q42",
                "05ynxx418",
                "https://ror.org/05ynxx418",
                "05",
                "https://example.org/l",
                "Kuratorernas läsning.",
            ],
        ],
        "Personer": [["ID", "Namn", "Etikett (sv)"], ["p", "P", "P"]],
        "Roller": [["ID", "Namn (sv)", "Namn (en)"], ["r", "Roll", "Role"]],
    }
    first = tables_to_graph(tables).graph  # type: ignore[arg-type]
    claims = list(first.subjects(RDF.type, SKG.CoordinatorReading))
    assert len(claims) == 2
    written = graph_to_tables(first)
    assert written[OTHER][1:] == []
    assert isomorphic(tables_to_graph(written).graph, first)
    avtal = dict(zip(written["Avtal"][0], written["Avtal"][1], strict=True))
    assert avtal["Övergripande globala mål"] == "5"
    assert avtal["Övergripande globala mål (koordinatorns läsning)"] == "3, 11"
    assert avtal["Gäller tills vidare"] == "tills vidare"
    belagg = dict(zip(written["Belägg"][0], written["Belägg"][1], strict=True))
    assert (belagg["Källa"], belagg["Start"], belagg["Slut"]) == ("webb", "10", "42")
    assert belagg["Benämning (sv)"] == "Belägg"
    partner = dict(zip(written["Partner"][0], written["Partner"][1], strict=True))
    assert (partner["Wikidata"], partner["ROR"], partner["Länskod"]) == ("Q42", "05ynxx418", "05")
    assert partner["Länskod: anmärkning (sv)"] == "Kuratorernas läsning."
    assert written["Roller"][1][:3] == ["r", "Roll", "Role"]
    # what the columns imply: the signing's agents, the ROR record as an exact match
    signature, x, p = (URIRef(BASE + path) for path in ("signature/u", "partner/x", "person/p"))
    assert {(signature, PROV.wasAssociatedWith, x), (x, RDF.type, PROV.Agent)} <= set(first)
    assert {(signature, PROV.wasAssociatedWith, p), (p, RDF.type, PROV.Agent)} <= set(first)
    assert (x, SKOS.exactMatch, URIRef("https://ror.org/05ynxx418")) in first


def _ulf_row(tables: dict[str, list[list[str]]]) -> dict[str, str]:
    header = tables["Projekt"][0]
    row = next(r for r in tables["Projekt"][1:] if r[0] == "ulf")
    return dict(zip(header, row, strict=True))


@pytest.mark.parametrize("change", ["another label", "shared by two subjects"])
def test_a_date_no_phrase_writes_back_is_exported_as_statements(
    curated: Graph, change: str
) -> None:
    """A date description a phrase would not give again exactly — one more label, or one
    node two subjects point to — is not written as a phrase (which would lose the label or
    split the node) but statement by statement in Övrigt; the round trip keeps it whole."""
    graph = Graph()
    for triple in curated:
        graph.add(triple)
    ulf = URIRef(BASE + "project/ulf")
    start = graph.value(ulf, SKG.start)
    assert _ulf_row(graph_to_tables(graph))["Start"] == "augusti 2021"  # before the change
    if change == "another label":
        graph.add((start, RDFS.label, Literal("sensommaren 2021", lang="sv")))
    else:
        graph.add((URIRef(BASE + "project/studentmedarbetare"), SKG.reportingDue, start))
    tables = graph_to_tables(graph)
    assert _ulf_row(tables)["Start"] == ""
    assert ["project/ulf", "skg:start"] in [r[:2] for r in tables[OTHER][1:]]
    again = tables_to_graph(tables).graph
    assert isomorphic(again, graph)
