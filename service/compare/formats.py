"""The comparison as JSON and CSV (the same data the page and the SVG show).

- JSON: ``{"lang", "goals", "agreements", "matrix"}``; every matrix row has a cell for each
  of the 17 goals.
- CSV, ``table=agreements`` (default): one line per agreement, multi-valued columns joined
  with `` | ``, SDG numbers separated by spaces, projects and events as counts; sources
  cited as "title <address>" (JSON: title, address and file name of each).
- CSV, ``table=matrix``: tidy, one line per matrix row and goal (``level``, ``agreement``,
  ``iri``, ``label``, ``sdg_coverage`` (``stated``: the source names these goals, ``none``:
  it names no goal, ``not-recorded``), ``sdg``, ``area_lists``, ``cross_cutting``, ``projects``,
  ``curators_judgement``: a goal link behind the cell is the curators' judgement).
- Facts the curators claim (service.claims) carry ``curators_judgement`` (their note) in
  JSON and are listed in the ``curators_judgements`` column.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal, get_args

from ..evidence import Source
from ..spreadsheet import neutralised
from ..words import say
from .model import (
    AgreementRow,
    Cell,
    Comparison,
    MatrixRow,
    Ref,
    TimeSpec,
    history_text,
    partners_text,
    signed_text,
    validity_text,
)
from .svg import colour

Table = Literal["agreements", "matrix"]
TABLES: Final[tuple[Table, ...]] = get_args(Table)
SEPARATOR: Final = " | "

Getter = Callable[[Comparison, AgreementRow], Any]


def _ref(ref: Ref | None) -> dict[str, str] | None:
    if ref is None:
        return None
    judged = {"curators_judgement": ref.judgement} if ref.judgement else {}
    return {"iri": ref.iri, "label": ref.label, **judged}


def _refs(refs: list[Ref]) -> list[dict[str, str]]:
    return [r for r in map(_ref, refs) if r is not None]


def _source(source: Source) -> dict[str, str | None]:
    return {
        "iri": source.iri,
        "title": source.title,
        "address": source.address,
        "identifier": source.identifier,
    }


def judgement_texts(comparison: Comparison, row: AgreementRow) -> list[str]:
    """ "facet: value — note" for each fact of the row that is the curators' judgement."""
    return [f"{j.facet}: {j.value} — {j.note}" for j in row.judgements]


def _time(spec: TimeSpec | None) -> dict[str, str | None] | None:
    if spec is None:
        return None
    return {
        "label": spec.label,
        "earliest": spec.earliest,
        "latest": spec.latest,
        "unit": spec.unit,
    }


def _group(row: AgreementRow, kind: str) -> list[Ref]:
    return [ref for g in row.groups if g.kind == kind for ref in g.items]


def _join(values: list[str]) -> str:
    return SEPARATOR.join(values)


def _labels(refs: list[Ref]) -> str:
    return _join([r.label for r in refs])


def _numbers(numbers: list[int]) -> str:
    return " ".join(str(n) for n in numbers)


#: How the page shows a cell (each a macro of compare.html): plain ``text``, ``refs``
#: (links, "okänt" when none), a ``count``, ``codes``; or one of the row's own cells
#: (``sdgs`` with what the source says about them, ``sources`` with the facts judged).
PageCell = Literal[
    "text", "refs", "count", "codes", "label", "partners", "lines", "groups", "sdgs", "sources"
]


@dataclass(frozen=True)
class Shown:
    """A column on the page: its place among the page's columns, its CSS class, its heading
    (a key of the words' ``[compare_page]`` table) and its cell, whose macro gets ``value``
    (and the row)."""

    place: int
    css: str
    heading: str
    cell: PageCell
    value: Getter

    def title(self, lang: str) -> str:
        return say(lang, f"compare_page.{self.heading}")


@dataclass(frozen=True)
class Column:
    """One column of the agreements table: its name and its value in JSON, in CSV and on
    the page.

    A column without ``json`` (or ``csv``, or ``page``) is absent from that output; the JSON
    object and the CSV header follow this table's order, the page its columns' places. A new
    column is one line here.
    """

    name: str
    json: Getter | None = None
    csv: Getter | None = None
    page: Shown | None = None


def _concepts(name: str, kind: str, page: Shown | None = None) -> Column:
    """A column of a row's areas, challenges or themes: references in JSON, labels in CSV."""
    return Column(
        name,
        lambda c, r: _refs(_group(r, kind)),
        lambda c, r: _labels(_group(r, kind)),
        page,
    )


def _row(comparison: Comparison, row: AgreementRow) -> AgreementRow:
    return row


COLUMNS: Final = (
    Column("iri", lambda c, r: r.iri, lambda c, r: r.iri),
    Column(
        "label",
        lambda c, r: r.label,
        lambda c, r: r.label,
        Shown(10, "label", "agreement", "label", _row),
    ),
    Column("kind", lambda c, r: r.kind, lambda c, r: r.kind),
    Column(
        "kind_label",
        lambda c, r: r.kind_label,
        lambda c, r: r.kind_label,
        Shown(30, "kind", "kind", "text", lambda c, r: r.kind_label),
    ),
    Column(
        "partnership",
        lambda c, r: _ref(r.partnership),
        lambda c, r: r.partnership.iri if r.partnership else "",
    ),
    Column("partnership_label", csv=lambda c, r: r.partnership.label if r.partnership else ""),
    Column(
        "partners",
        lambda c, r: _refs(r.partners),
        lambda c, r: _join(partners_text(c, r)),
        Shown(20, "partners", "partners", "partners", lambda c, r: r.partners),
    ),
    Column("stated_member_count", json=lambda c, r: r.stated_member_count),
    Column("unnamed_members", json=lambda c, r: r.unnamed_members),
    Column(
        "signed",
        lambda c, r: _time(r.signed),
        signed_text,
        Shown(40, "signed", "signed", "text", signed_text),
    ),
    Column("signed_text", json=signed_text),
    Column(
        "valid_from",
        lambda c, r: _time(r.valid_from),
        lambda c, r: r.valid_from.label if r.valid_from else "",
    ),
    Column(
        "valid_until",
        lambda c, r: _time(r.valid_until),
        lambda c, r: r.valid_until.label if r.valid_until else "",
    ),
    Column("open_ended", lambda c, r: r.open_ended, lambda c, r: r.open_ended or ""),
    Column(
        "validity",
        csv=validity_text,
        page=Shown(50, "validity", "validity", "text", validity_text),
    ),
    Column("validity_text", json=validity_text),
    Column(
        "history",
        lambda c, r: r.history,
        lambda c, r: _join(history_text(c, r)),
        Shown(60, "history", "history", "lines", history_text),
    ),
    Column("agreements_since", json=lambda c, r: r.agreements_since),
    Column(
        "governance_bodies",
        lambda c, r: _refs(r.governance_bodies),
        lambda c, r: _labels(r.governance_bodies),
        Shown(
            70,
            "bodies",
            "governance_body",
            "refs",
            lambda c, r: r.governance_bodies,
        ),
    ),
    _concepts(
        "collaboration_areas",
        "collaboration-area",
        # the page shows every group (areas, or a network's challenges and themes) here
        Shown(80, "areas", "collaboration_areas", "groups", _row),
    ),
    _concepts("challenges", "challenge"),
    _concepts("themes", "theme"),
    Column(
        "sdgs",
        lambda c, r: r.sdgs,
        lambda c, r: _numbers(r.sdgs),
        Shown(90, "sdgs", "sdgs", "sdgs", _row),
    ),
    Column("sdg_coverage", json=lambda c, r: r.sdg_coverage),
    Column(
        "sdg_coverage_text",
        lambda c, r: c.coverage_text(r.sdg_coverage),
        lambda c, r: c.coverage_text(r.sdg_coverage),
    ),
    Column(
        "cross_cutting_sdgs",
        lambda c, r: r.cross_cutting_sdgs,
        lambda c, r: _numbers(r.cross_cutting_sdgs),
    ),
    Column(
        "projects",
        lambda c, r: _refs(r.projects),
        lambda c, r: str(len(r.projects)),
        Shown(100, "projects", "projects", "count", lambda c, r: len(r.projects)),
    ),
    Column("project_count", json=lambda c, r: len(r.projects)),
    Column(
        "events",
        lambda c, r: _refs(r.events),
        lambda c, r: str(len(r.events)),
        Shown(110, "events", "events", "count", lambda c, r: len(r.events)),
    ),
    Column("event_count", json=lambda c, r: len(r.events)),
    Column(
        "sources",
        lambda c, r: [_source(s) for s in r.sources],
        lambda c, r: _join([s.cite() for s in r.sources]),
        # the page cites each source and lists the row's other facts the curators judged
        Shown(120, "sources", "sources", "sources", _row),
    ),
    Column(
        "curators_judgements",
        lambda c, r: [{"facet": j.facet, "value": j.value, "note": j.note} for j in r.judgements],
        lambda c, r: _join(judgement_texts(c, r)),
    ),
)
AGREEMENT_COLUMNS: Final = tuple(column.name for column in COLUMNS if column.csv)


def page_columns() -> list[Shown]:
    """The page's columns, in their places."""
    return sorted((c.page for c in COLUMNS if c.page), key=lambda shown: shown.place)


#: The matrix, one line per row and goal: each column's value for a row and a cell.
MATRIX_FIELDS: Final[dict[str, Callable[[MatrixRow, int, Cell], Any]]] = {
    "level": lambda m, n, c: m.level,
    "agreement": lambda m, n, c: m.agreement,
    "iri": lambda m, n, c: m.iri,
    "label": lambda m, n, c: m.label,
    "sdg_coverage": lambda m, n, c: m.coverage,
    "sdg": lambda m, n, c: n,
    "area_lists": lambda m, n, c: c.area_lists,
    "cross_cutting": lambda m, n, c: c.cross_cutting,
    "projects": lambda m, n, c: c.projects,
    "curators_judgement": lambda m, n, c: c.judged,
}
MATRIX_COLUMNS: Final = tuple(MATRIX_FIELDS)
#: Matrix fields that belong to the row (the rest describe a cell).
_ROW_FIELDS: Final = ("level", "agreement", "iri", "label", "sdg_coverage")


def agreement_json(comparison: Comparison, row: AgreementRow) -> dict[str, Any]:
    return {c.name: c.json(comparison, row) for c in COLUMNS if c.json}


def agreement_record(comparison: Comparison, row: AgreementRow) -> dict[str, str]:
    """One CSV line of the agreements table."""
    return {c.name: c.csv(comparison, row) for c in COLUMNS if c.csv}


def cells(comparison: Comparison, row: MatrixRow) -> list[tuple[int, Cell]]:
    """A cell for every goal, in goal order (uncovered goals get an empty cell)."""
    return [(g.number, row.cells.get(g.number, Cell())) for g in comparison.goals]


def _matrix_json(comparison: Comparison, m: MatrixRow) -> dict[str, Any]:
    fields = {k: v for k, v in MATRIX_FIELDS.items() if k in _ROW_FIELDS}
    cell_fields = {k: v for k, v in MATRIX_FIELDS.items() if k not in _ROW_FIELDS}
    return {
        **{name: get(m, 0, Cell()) for name, get in fields.items()},
        "sdg_coverage_text": comparison.coverage_text(m.coverage),
        "cells": [
            {name: get(m, n, c) for name, get in cell_fields.items()}
            for n, c in cells(comparison, m)
        ],
    }


def to_json(comparison: Comparison) -> dict[str, Any]:
    """The whole comparison as plain JSON data."""
    choice = comparison.choice
    return {
        "lang": comparison.lang,
        "choice": {
            "universities": list(choice.universities),
            "partners": list(choice.partners),
            "partner_kinds": list(choice.partner_kinds),
            "year": choice.year,
            "name": choice.name,
            "agreements": list(choice.agreements),
            "all": choice.every,
            "default": comparison.default,
            "group": comparison.group,
            "total": comparison.total,
            "shown": len(comparison.rows),
            "truncated": comparison.truncated,
        },
        "goals": [
            {"number": g.number, "iri": g.iri, "label": g.label, "colour": colour(g.number)}
            for g in comparison.goals
        ],
        "agreements": [agreement_json(comparison, row) for row in comparison.rows],
        "matrix": [_matrix_json(comparison, m) for m in comparison.matrix],
    }


def _csv_value(value: Any) -> Any:
    return str(value).lower() if isinstance(value, bool) else neutralised(value)


def to_csv(comparison: Comparison, table: Table = "agreements") -> str:
    """The agreements table or the SDG matrix as CSV (RFC 4180, CRLF line ends)."""
    buffer = io.StringIO()
    if table == "agreements":
        writer = csv.DictWriter(buffer, fieldnames=[c.name for c in COLUMNS if c.csv])
        writer.writeheader()
        for row in comparison.rows:
            record = agreement_record(comparison, row)
            writer.writerow({name: _csv_value(value) for name, value in record.items()})
        return buffer.getvalue()
    writer = csv.DictWriter(buffer, fieldnames=MATRIX_COLUMNS)
    writer.writeheader()
    for m in comparison.matrix:
        for n, c in cells(comparison, m):
            writer.writerow({k: _csv_value(get(m, n, c)) for k, get in MATRIX_FIELDS.items()})
    return buffer.getvalue()
