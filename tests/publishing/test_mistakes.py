"""Issue 18's mistakes, made as a coordinator made them, through the real commands: each is
answered in one round by sheet, cell and column, and none leaves data/ unservable
(`samverkan validate` and `samverkan serve --get /health` afterwards, as subprocesses).

The graph is a copy (SAMVERKAN_GRAPH_ROOT), so the import may write into its data/.
"""

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from live import samverkan
from locations import REPO
from openpyxl import load_workbook
from publishing_support import FIXTURE
from rdflib import URIRef

from service.namespaces import BASE, SKG, TIME
from service.publishing.convert import read_leniently
from service.publishing.workbook import read_tables, write_xlsx

LK_SOURCE = "000_6a1f2b0d01e02e89"
PROJECT_HEADERS = ("ID", "Partnerskap", "Samverkansområde", "Aktivitet/projekt/initiativ (sv)")
PROJECT_HEADERS += ("Beskrivning (sv)", "Start", "Källor")


@pytest.fixture
def graph_root(tmp_path: Path) -> Path:
    root = tmp_path / "graph"
    for folder in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def _run(root: Path, *args: str) -> tuple[int, str]:
    done = samverkan(*args, env={"SAMVERKAN_GRAPH_ROOT": str(root)})
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stderr


def _still_servable(root: Path) -> None:
    code, errors = _run(root, "validate")
    assert code == 0, errors
    code, errors = _run(root, "serve", "--get", "/health")
    assert code == 0, errors


def _mistakes_workbook(target: Path) -> Path:
    """One workbook holding mistakes 1, 2, 3, 5, 6, 7 and 8 of issue 18 at once."""
    tables: dict[str, list[list[object]]] = {
        "Källor": [  # 2: Fil is not required (a web page has its address instead)
            ["ID", "Titel (sv)", "Dokumenttyp", "Utgivare", "Språk"],
            ["ny-kalla", "Ny källa", "webbsida", "linkopings-kommun", "sv"],
        ],
        "Partner": [  # 1: an existing partner re-described with a typo
            ["ID", "Typ", "Namn (sv)", "Källor"],
            ["linkopings-kommun", "kommun", "Linköpings komun", LK_SOURCE],
        ],
        "Partnerskap": [  # 6: a misspelled ID
            ["ID", "Namn (sv)", "Parter", "Källor"],
            ["test-ps", "Testpartnerskap", "linkopings-universitet, linkopings-komun", LK_SOURCE],
        ],
        "Avtal": [  # 3: "tills vidare" where the end date goes; 7: a month-formatted date
            ["ID", "Partnerskap", "Namn (sv)", "Parter", "Undertecknat", "Gäller till", "Källor"],
            [
                "test-avtal",
                "test-ps",
                "Testavtal",
                "linkopings-universitet, linkopings-kommun",
                "",
                "tills vidare",
                LK_SOURCE,
            ],
        ],
        "Områden": [  # 2: no concept scheme
            ["ID", "Namn (sv)", "Globala mål", "Källor"],
            ["test-omrade", "Testområde", "11", LK_SOURCE],
        ],
        "Projekt": [  # 5: a bad date beside violations; 8: a row with a description only
            [*PROJECT_HEADERS],
            [
                "test-projekt",
                "test-ps",
                "test-omrade",
                "Testprojekt",
                "",
                "Hösten 20201",
                LK_SOURCE,
            ],
            ["", "test-ps", "", "", "Ett projekt utan namn", "2022", LK_SOURCE],
        ],
    }
    path = target / "mall.xlsx"
    write_xlsx(tables, path)
    book = load_workbook(path)
    signed = book["Avtal"]["E2"]
    signed.value = dt.datetime(2021, 11, 1)
    signed.number_format = "mmm yyyy"
    book.save(path)
    return path


#: mistake → what the one round of messages says (each fragment must appear)
EXPECTED = {
    "1 an existing partner re-described": (
        'Partner!A2 (column "ID"): linkopings-kommun is already described in ',
        "/data/organisations.ttl (",
        'rdfs:label: here "Linköpings komun"@sv, there ',
        '"Linköpings kommun"@sv',
    ),
    "2 a concept scheme is required": ('Områden!2 (column "Begreppsschema", not in the sheet',),
    "3 tills vidare as an end date": (
        "Avtal!F2 (column \"Gäller till\"): 'tills vidare' is not a date but a validity with "
        "no end: leave this cell empty and write the source's words in the column \"Gäller "
        'tills vidare"',
    ),
    "5 a bad date (with the violations, one round)": (
        "Projekt!F2 (column \"Start\"): 'Hösten 20201' is not a date",
    ),
    "6 a misspelled ID": (
        "Partnerskap!C2 (column \"Parter\"): 'linkopings-komun' names no resource in the "
        "workbook or in data/: did you mean 'linkopings-kommun'",
    ),
    "8 no name, no ID": (
        'Projekt!A3 (column "ID"): a row needs an ID or a name in '
        "'Aktivitet/projekt/initiativ (sv)' to mint one from",
    ),
}


def test_every_mistake_in_one_round_and_data_stays_servable(
    graph_root: Path, tmp_path: Path
) -> None:
    workbook = _mistakes_workbook(tmp_path)
    out = graph_root / "data" / "test.ttl"
    code, errors = _run(graph_root, "import", str(workbook), "--out", str(out))
    assert code == 2, errors  # unreadable cells among the problems
    for mistake, fragments in EXPECTED.items():
        for fragment in fragments:
            assert fragment in errors, (mistake, fragment, errors)
    # 2: a source's file name is asked only of a document held as a file.
    assert 'column "Fil"' not in errors
    # 8: nothing was minted from the description column.
    assert "ett-projekt-utan-namn" not in errors
    assert not out.exists()
    _still_servable(graph_root)


def test_a_month_formatted_cell_is_a_month(tmp_path: Path) -> None:
    """7: "nov 2021" as Excel shows it is November 2021, not 1 November."""
    imported, _ = read_leniently(read_tables(_mistakes_workbook(tmp_path)))
    agreement = URIRef(BASE + "agreement/test-avtal")
    signed = imported.graph.value(agreement, SKG.signed)
    assert imported.graph.value(signed, TIME.unitType) == TIME.unitMonth


def test_the_same_workbook_twice_under_another_name_is_refused(graph_root: Path) -> None:
    """1: importing a workbook again (--out data/x-copy.ttl) would describe it twice."""
    first = graph_root / "data" / "x.ttl"
    code, errors = _run(graph_root, "import", str(FIXTURE), "--out", str(first))
    assert code == 0, errors
    copy = graph_root / "data" / "x-copy.ttl"
    code, errors = _run(graph_root, "import", str(FIXTURE), "--out", str(copy))
    assert code == 1
    assert "every resource of the workbook already lives in " in errors
    assert f"data/x.ttl: to replace that file, import with --out {first}" in errors
    assert not copy.exists()
    _still_servable(graph_root)
    # Replacing the file it lives in is fine.
    code, errors = _run(graph_root, "import", str(FIXTURE), "--out", str(first))
    assert code == 0, errors


@pytest.mark.parametrize(
    ("encoding", "separator"), [("utf-8-sig", ","), ("utf-8", ";"), ("cp1252", ";")]
)
def test_csv_as_excel_saves_it(tmp_path: Path, encoding: str, separator: str) -> None:
    """4: Excel's own CSV (Windows-1252, semicolons) is read like UTF-8 with commas."""
    folder = tmp_path / "mall"
    folder.mkdir()
    for source in FIXTURE.glob("*.csv"):
        rows = source.read_text(encoding="utf-8").splitlines()
        text = "\r\n".join(separator.join(f'"{c}"' for c in _cells(row)) for row in rows)
        (folder / source.name).write_bytes(text.encode(encoding))
    assert read_tables(folder) == read_tables(FIXTURE)


def _cells(row: str) -> list[str]:
    import csv

    return next(csv.reader([row]))


def test_csv_that_cannot_be_read_says_how_to_save_it(graph_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mall"
    folder.mkdir()
    (folder / "Projekt.csv").write_bytes("ID,Start\nx,2022\n".encode("utf-16"))
    code, errors = _run(graph_root, "import", str(folder), "--out", str(tmp_path / "x.ttl"))
    assert code == 2
    assert "Spara som → CSV UTF-8 (kommaavgränsad)" in errors
    assert "Save As → CSV UTF-8 (Comma delimited)" in errors


def test_until_terminated_is_in_force_from_its_start(graph_root: Path, tmp_path: Path) -> None:
    """3: "tills vidare" said as such; the saved question and the comparison treat the
    agreement as in force from its start until an end is recorded."""
    folder = tmp_path / "mall"
    shutil.copytree(FIXTURE, folder)
    avtal = (folder / "Avtal.csv").read_text(encoding="utf-8").splitlines()
    avtal[0] = avtal[0].replace("Gäller till,", "Gäller tills vidare,")
    avtal[1] = avtal[1].replace(",December 2026,", ',"tills vidare, med uppsägning",')
    (folder / "Avtal.csv").write_text("\n".join(avtal) + "\n", encoding="utf-8")
    out = graph_root / "data" / "test.ttl"
    code, errors = _run(graph_root, "import", str(folder), "--out", str(out))
    assert code == 0, errors
    agreement = BASE + "agreement/tu-exempelstads-kommun-2023"
    done = samverkan(
        "query",
        "in-force-on-date",
        "--param",
        "date=2040-06-01",
        "--format",
        "json",
        env={"SAMVERKAN_GRAPH_ROOT": str(graph_root)},
    )
    assert done.returncode == 0, done.stderr
    rows = {b["resource"]["value"]: b for b in json.loads(done.stdout)["results"]["bindings"]}
    assert rows[agreement]["certainty"]["value"] == "certain"
    assert rows[agreement]["openEnded"]["value"] == "tills vidare, med uppsägning"
    compared = samverkan(
        "compare",
        "--format",
        "json",
        "--agreement",  # the comparison's default is one university's agreements
        agreement,
        env={"SAMVERKAN_GRAPH_ROOT": str(graph_root)},
    )
    assert compared.returncode == 0, compared.stderr
    row = next(r for r in json.loads(compared.stdout)["agreements"] if r["iri"] == agreement)
    assert row["validity_text"] == "2023 – tills vidare, med uppsägning"
    assert row["open_ended"] == "tills vidare, med uppsägning"


def _set(
    tables: dict[str, list[list[object]]], sheet: str, row: int, header: str, value: object
) -> None:
    rows = tables[sheet]
    column = rows[0].index(header)
    rows[row] += [""] * (column + 1 - len(rows[row]))
    rows[row][column] = value


def test_mistakes_in_roles_signers_and_identifiers_say_where(tmp_path: Path) -> None:
    """A mistake in each of the template's columns for roles (Roller), signers
    (Undertecknare) and identifiers (Partner) is answered, in one round, by sheet, cell and
    column; the identifiers' forms are the shapes' (ROR, the Luhn check digit, digits)."""
    tables = read_tables(FIXTURE)
    _set(tables, "Partner", 1, "Wikidata", "12345")
    _set(tables, "Partner", 1, "ROR", "ror-123")
    _set(tables, "Partner", 1, "Organisationsnummer", "202100-9995")
    _set(tables, "Partner", 2, "Kommunkod", 999)  # a number cell: the leading zero is gone
    _set(tables, "Partner", 2, "Organisationsnummer: källa", "exempelstad.se")
    _set(tables, "Partner", 3, "Länskod", "05")  # without the page it was taken from
    tables["Roller"].append(["oanvand", "", "Unused role"])  # no Swedish name, no member
    _set(tables, "Undertecknare", 1, "Person", "testa-testson")
    workbook = tmp_path / "mall.xlsx"
    write_xlsx(tables, workbook)
    done = samverkan("import", str(workbook), "--out", str(tmp_path / "x.ttl"))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    expected = [
        "Partner!H2 (column \"Wikidata\"): '12345' is not a well-formed Wikidata: write Q and digits",
        "Partner!I2 (column \"ROR\"): 'ror-123' is not a well-formed ROR",
        "Partner!M2 (column \"Organisationsnummer\"): '202100-9995' is not a well-formed "
        "organisationsnummer: write NNNNNN-NNNN, e.g. 202100-3096 (its last digit does not check",
        "Partner!Q3 (column \"Kommunkod\"): '999' is not a well-formed kommunkod: write four "
        "digits, e.g. 0580 (the spreadsheet read it as a number: format the cell as text)",
        "Partner!N3 (column \"Organisationsnummer: källa\"): 'exempelstad.se' is not a web address",
        'Partner!V4 (column "Länskod: källa"): An identifier cites the page it was taken from',
        'Roller!B3 (column "Namn (sv)"): Needs exactly one rdfs:label in Swedish',
        "Roller!A3: A role must be the org:role of at least one membership; remove roles nobody "
        'holds. Fill in this row\'s ID in the column "Roll" of the sheet Ledamöter.',
        "Undertecknare!H2 (column \"Person\"): 'testa-testson' names no resource in the workbook "
        "or in data/: did you mean 'testa-testsson'",
    ]
    lines = done.stderr.splitlines()
    for problem in expected:
        assert sum(problem in line for line in lines) == 1, (problem, done.stderr)
    assert not (tmp_path / "x.ttl").exists()
