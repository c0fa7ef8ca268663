# ruff: noqa: E501  (the page's example lines and table rows are as long as they are)
"""What the one declaration of the template (:mod:`.template`) produces: the committed empty
template (``templates/mall.xlsx``, its aids from :mod:`.workbook_aids`, and
``templates/mall/*.csv``) and ``docs/template.md``.

``python -m service.publishing.template_files [ROOT]`` regenerates the three; a test fails
when the committed files drift from the declaration.
"""

import sys
from pathlib import Path

from ..atomic import write_atomically
from ..namespaces import compact_iri
from .codecs import CODECS, IDENTIFIER_FORMS
from .template import SHEETS, Column, Sheet
from .workbook import empty_tables, write_csv_folder, write_xlsx

# ---------------------------------------------------------------- docs/template.md

INTRO = """\
# The spreadsheet template

<!-- Generated from service/publishing/template.py by
     `python -m service.publishing.template_files`: edit the declaration, not this file. -->

Coordinators keep partnership lists in spreadsheets. The template lets them add a
partnership without writing Turtle: fill it in, check it, and turn it into a data file.

- The template: [`templates/mall.xlsx`](../templates/mall.xlsx) (one workbook: required
  columns have a coloured header, kinds, statuses, global goals and the IDs of other sheets
  have drop-down lists, and the sheet *Instruktioner* repeats these rules) or
  [`templates/mall/`](../templates/mall/) (the same sheets as CSV files, UTF-8). Regenerate
  them and this page with `python -m service.publishing.template_files` (a test keeps the
  three equal to the declaration in `service/publishing/template.py`).
- The current graph in the template, to start from: `samverkan export --template FILE.xlsx`
  (or `DIR` for CSV files).
- Check it without writing anything: upload it at `/validate` on a running service (or
  `curl -F file=@mall.xlsx http://127.0.0.1:8000/validate`).
- Turn it into Turtle: `samverkan import mall.xlsx --out data/NAME.ttl`. The result is
  validated with the SHACL shapes together with exactly the graph `samverkan serve` loads
  (the ontology and every file in `data/`, the file `--out` replaces left out) and written
  only if that whole graph conforms, atomically. A row describing a resource that another
  file in `data/` already describes is refused, naming the file and what differs: refer to
  the resource by its ID instead (in *Parter*, *Utgivare*, …). A workbook whose resources
  live in another file is refused, naming that file (import it with `--out` that file).

## How to fill it in

One row per resource; the first row of each sheet holds the column names (a sheet may leave
columns out, and their order is free). Sheets and columns not in the tables below are refused
with their place named. Every problem is reported in one round — unreadable cells, unknown
IDs and the shapes' violations together — by sheet, cell and column, with what to write
instead:

```
mall.xlsx: Projekt!F7 (column "Start"): 'Hösten 20201' is not a date the template understands: write a year, a month and year, or 'våren'/'hösten' and a year
mall.xlsx: Avtal!E2 (column "Parter"): 'linkopings-komun' names no resource in the workbook or in data/: did you mean 'linkopings-kommun' or 'norrkopings-kommun'?
mall.xlsx: Partner!A3 (column "ID"): linkopings-kommun is already described in data/organisations.ttl (rdfs:label: here "Linköpings komun"@sv, there "Linköpings kommun"@sv); leave the row out and refer to 'linkopings-kommun' by its ID
```

- **IDs.** Each resource's IRI is `https://w3id.org/samverkan-kg/<class>/<name>` (the base
  follows `SAMVERKAN_BASE_IRI`). In a sheet's `ID` column write the name (`ulf`); the sheet
  gives the class path (`project/`). A resource of another class path is written with it
  (`unit/lk-hallbarhetsenheten` in the Partner sheet). Left empty, the ID is minted from
  the Swedish name column (and from no other column) as the curated data does: lower case,
  å/ä → a, ö → o, é → e, words joined by `-` ("Gröna tak i Exempelstad" →
  `grona-tak-i-exempelstad`). Sheets without a name column need an ID.
- **References** to other resources are IDs separated by commas. A bare name is under the
  column's class path (`lk-hallbar-valfard` in *Samverkansområde* is `area/lk-hallbar-valfard`);
  other resources are written with their path (`unit/liu-tema-barn`) or as a prefixed name
  (`sdg:5`). An ID that names nothing in the workbook or in `data/` is reported with the
  nearest existing IDs.
- **Dates** are written as the source writes them, and keep that precision (an OWL-Time
  `time:DateTimeDescription` with `skg:earliest`/`skg:latest`, as in `data/`): a year
  (`2022`), a month and year (`Oktober 2021`, `okt 2021`, `2021-10`), a season and year
  (`hösten 2021`, `våren 2017`, `HT 2021`, `VT 2017` — spring is 1 January–30 June, autumn
  1 July–31 December), or a day (`22 oktober 2024`, `2024-10-22`). A date cell typed as a
  date by the spreadsheet program keeps the precision its number format shows: formatted as
  a month (`nov 2021`, `mmm yyyy`) it is a month, as a year (`yyyy`) a year, else a day.
- **Open-ended validity.** An agreement valid until either party ends it leaves *Gäller
  till* empty and writes the source's words in *Gäller tills vidare* ("tills vidare",
  "tills vidare, med uppsägning", "until terminated"): it is in force from its start until
  an end is recorded (`in-force-on-date`, `/compare`).
- **Global goals** (SDGs) are their numbers, separated by commas: `5, 7, 11, 17` (`Mål 5`
  and `SDG5` are read too). Goals the source names go in *Globala mål*; goals the
  coordinator reads in it without the source naming them go in *… (koordinatorns läsning)*
  and are kept as claims (`skg:CoordinatorReading`, like the curators' claims). *Mål i
  källan* says whether the source names goals at all. A project's goals must be among its
  area's.
- **Sources.** Every resource needs `dct:source` (the *Källor* column): the IDs of rows of the
  sheet *Källor*, or of the sources already in `data/sources.ttl`
  (`001_7658455127dcdd56`). A web page gives its *Adress* and the date it was read
  (*Hämtad*); where in it each fact stands goes in *Belägg* (a position and a SHA-256
  digest, never the text).
- **Concept schemes.** The areas of an agreement belong to a list of its own: one row of
  *Begreppsscheman* per agreement or partnership, named in the areas' *Begreppsschema*.
- **Public roles.** The roles members hold in *Ledamöter* (`rektor`, `stadsdirektör`) are
  rows of *Roller* (an `org:Role` with its Swedish and English names and its source), or
  roles already in `data/`.
- **Signatures.** *Undertecknar för* and *Person* of *Undertecknare* also make the signing
  (a `prov:Activity`) `prov:wasAssociatedWith` the party and the person, and make each a
  `prov:Agent` where the workbook has its own row (a party another file describes stays as
  that file says).
- **Identifiers.** A partner's *Wikidata* item (`Q1234`) becomes `skos:exactMatch` of its
  record; *ROR*, *Organisationsnummer*, *Kommunkod* and *Länskod* each become a
  `schema:identifier [ a schema:PropertyValue ; schema:propertyID "…" ; schema:value "…" ]`
  with the page it was taken from (*…: källa*, required with it) and the curators' notes
  (*…: anmärkning*); a ROR ID is also `skos:exactMatch` of its record. Each is checked as the
  shapes check it (an organisationsnummer's check digit; a kommunkod keeps its leading zero
  only in a cell formatted as text).
- **Evidence** (*Belägg*) may be named (*Benämning*); its source is its *Källa*.
- **Responsible units per side.** *Ansvariga (lärosäte)* and *Ansvariga (partner)* both become
  `skg:responsibleUnit`; the export puts a university's units in the first.
- **Notes.** The sheet *Anteckningar* is yours: it is kept in the workbook and never
  imported or refused.
- **Anything else** goes in the sheet `Övrigt`, one statement per row: the resource (its ID
  path, e.g. `project/ulf`, or `_:name` for an unnamed one), the property as a prefixed
  name (`skos:note`), the value, and what the value is: a language (`sv`, `en`), `iri`,
  `blank` (an unnamed resource), a datatype (`xsd:date`) or nothing (plain text). The
  export writes there whatever no column holds, so that export → import gives the same
  graph (a test checks this on the curated data).

The sheet *Instruktioner* of the workbook repeats these rules and is not read.

## The sheets
"""

OTHER_TABLE = """\
### Övrigt

| column | what to write |
|---|---|
| Resurs | the resource: its ID path (`project/ulf`), a prefixed name, a whole IRI, or `_:name` |
| Egenskap | the property as a prefixed name (`skos:note`) or a whole IRI |
| Värde | the value (an ID path or prefixed name when *Typ av värde* is `iri`) |
| Typ av värde | `sv`, `en` (a language), `iri`, `blank`, a datatype (`xsd:date`), or empty for plain text |

### Anteckningar

| column | what to write |
|---|---|
| Gäller | what the note is about (free text) |
| Anteckning | the note |
"""


def _what(column: Column) -> str:
    hint = CODECS[column.kind].hint
    if column.kind == "refs":
        where = f"`{column.path}`" if column.path else "the base"
        hint += f" (a bare name is under {where})"
        if column.side:
            hint += f"; the {column.side} side"
    if column.kind == "choice":
        hint = "one of " + ", ".join(f"`{w}`" for w in column.choices)
    if column.datatype is not None and column.kind == "value":
        hint += f" (`{compact_iri(str(column.datatype), strict=True)}`)"
    if column.kind == "identifier":
        hint = f"a {column.scheme}: {IDENTIFIER_FORMS[column.scheme][1]}"
    for implied in column.implies:
        also = compact_iri(str(implied.predicate), strict=True)
        hint += f"; also the row's `{also}`" + (
            f" `<{implied.namespace}…>`" if implied.namespace else ""
        )
    return hint + (f" — {column.help}" if column.help else "")


def _property(column: Column) -> str:
    path = [compact_iri(str(step.predicate), strict=True) for step in column.via]
    return "`" + " / ".join([*path, compact_iri(str(column.predicate), strict=True)]) + "`"


def _sheet_section(sheet: Sheet) -> str:
    first = compact_iri(str(next(iter(sheet.types.values()))), strict=True)
    head = f"### {sheet.name}\n\n{sheet.help} IDs are under `{sheet.path}`."
    if sheet.type_column:
        words = ", ".join(
            f"`{w}` ({compact_iri(str(c), strict=True)})" for w, c in sheet.types.items()
        )
        head += f" Typ: {words}; empty means `{next(iter(sheet.types))}`."
    else:
        head += f" Every row is a {first}."
    id_what = (
        "the name in the IRI; empty: minted from the Swedish name"
        if sheet.name_column
        else "the name in the IRI (required: this sheet has no name to mint one from)"
    )
    rows = [
        "| column | required | property | what to write |",
        "|---|---|---|---|",
        f"| ID | {'no' if sheet.name_column else 'yes'} | (the IRI) | {id_what} |",
    ]
    if sheet.type_column:
        rows.append("| Typ | no | `rdf:type` | one or more of the words above (a drop-down list) |")
    for column in sheet.columns:
        required = "yes" if column.required else "no"
        rows.append(f"| {column.header} | {required} | {_property(column)} | {_what(column)} |")
    return head + "\n\n" + "\n".join(rows) + "\n"


def template_markdown() -> str:
    """docs/template.md, from the declaration."""
    sections = [_sheet_section(sheet) for sheet in SHEETS]
    return INTRO + "\n" + "\n".join(sections) + "\n" + OTHER_TABLE


def write_template_files(root: Path) -> list[Path]:
    """The empty workbook, its CSV sheets and docs/template.md under ``root``."""
    targets = [root / "templates" / "mall.xlsx", root / "templates" / "mall", root / "docs"]
    write_xlsx(empty_tables(), targets[0])
    write_csv_folder(empty_tables(), targets[1])
    write_atomically(targets[2] / "template.md", template_markdown())
    return targets


def main(argv: list[str]) -> None:
    root = Path(argv[0]) if argv else Path.cwd()
    for path in write_template_files(root):
        print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
