"""The comparison as JSON and CSV (the same data the page and the SVG show).

- JSON: ``{"lang", "goals", "agreements", "matrix"}``; every matrix row has a cell for each
  of the 17 goals.
- CSV, ``table=agreements`` (default): one line per agreement, multi-valued columns joined
  with `` | ``, SDG numbers separated by spaces, projects and events as counts.
- CSV, ``table=matrix``: tidy, one line per matrix row and goal (``level``, ``agreement``,
  ``iri``, ``label``, ``sdg``, ``area_lists``, ``cross_cutting``, ``projects``).
"""

import csv
import io
from typing import Any, Final, Literal

from .compare import (
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
from .compare_svg import SDG_COLOURS

Table = Literal["agreements", "matrix"]
TABLES: Final[tuple[str, ...]] = ("agreements", "matrix")
SEPARATOR: Final = " | "

AGREEMENT_COLUMNS: Final = (
    "iri",
    "label",
    "kind",
    "kind_label",
    "partnership",
    "partnership_label",
    "partners",
    "signed",
    "valid_from",
    "valid_until",
    "validity",
    "history",
    "governance_bodies",
    "collaboration_areas",
    "challenges",
    "themes",
    "sdgs",
    "cross_cutting_sdgs",
    "projects",
    "events",
    "sources",
)
MATRIX_COLUMNS: Final = (
    "level",
    "agreement",
    "iri",
    "label",
    "sdg",
    "area_lists",
    "cross_cutting",
    "projects",
)


class UnknownTable(ValueError):
    def __init__(self, table: str) -> None:
        super().__init__(f"unknown table {table!r}: use one of {', '.join(TABLES)}")


def check_table(table: str) -> Table:
    if table == "agreements":
        return "agreements"
    if table == "matrix":
        return "matrix"
    raise UnknownTable(table)


def _ref(ref: Ref | None) -> dict[str, str] | None:
    return None if ref is None else {"iri": ref.iri, "label": ref.label}


def _refs(refs: list[Ref]) -> list[dict[str, str]]:
    return [{"iri": r.iri, "label": r.label} for r in refs]


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


def agreement_json(comparison: Comparison, row: AgreementRow) -> dict[str, Any]:
    return {
        "iri": row.iri,
        "label": row.label,
        "kind": row.kind,
        "kind_label": row.kind_label,
        "partnership": _ref(row.partnership),
        "partners": _refs(row.partners),
        "stated_member_count": row.stated_member_count,
        "unnamed_members": row.unnamed_members,
        "signed": _time(row.signed),
        "signed_text": signed_text(comparison, row),
        "valid_from": _time(row.valid_from),
        "valid_until": _time(row.valid_until),
        "validity_text": validity_text(comparison, row),
        "history": row.history,
        "agreements_since": row.agreements_since,
        "governance_bodies": _refs(row.governance_bodies),
        "collaboration_areas": _refs(_group(row, "collaboration-area")),
        "challenges": _refs(_group(row, "challenge")),
        "themes": _refs(_group(row, "theme")),
        "sdgs": row.sdgs,
        "cross_cutting_sdgs": row.cross_cutting_sdgs,
        "projects": _refs(row.projects),
        "project_count": len(row.projects),
        "events": _refs(row.events),
        "event_count": len(row.events),
        "sources": row.sources,
    }


def cells(comparison: Comparison, row: MatrixRow) -> list[tuple[int, Cell]]:
    """A cell for every goal, in goal order (uncovered goals get an empty cell)."""
    return [(g.number, row.cells.get(g.number, Cell())) for g in comparison.goals]


def to_json(comparison: Comparison) -> dict[str, Any]:
    """The whole comparison as plain JSON data."""
    return {
        "lang": comparison.lang,
        "goals": [
            {
                "number": g.number,
                "iri": g.iri,
                "label": g.label,
                "colour": SDG_COLOURS.get(g.number),
            }
            for g in comparison.goals
        ],
        "agreements": [agreement_json(comparison, row) for row in comparison.rows],
        "matrix": [
            {
                "level": m.level,
                "agreement": m.agreement,
                "iri": m.iri,
                "label": m.label,
                "cells": [
                    {
                        "sdg": n,
                        "area_lists": c.area_lists,
                        "cross_cutting": c.cross_cutting,
                        "projects": c.projects,
                    }
                    for n, c in cells(comparison, m)
                ],
            }
            for m in comparison.matrix
        ],
    }


def _join(values: list[str]) -> str:
    return SEPARATOR.join(values)


def agreement_record(comparison: Comparison, row: AgreementRow) -> dict[str, str]:
    """One CSV line of the agreements table."""
    return {
        "iri": row.iri,
        "label": row.label,
        "kind": row.kind,
        "kind_label": row.kind_label,
        "partnership": row.partnership.iri if row.partnership else "",
        "partnership_label": row.partnership.label if row.partnership else "",
        "partners": _join(partners_text(comparison, row)),
        "signed": signed_text(comparison, row),
        "valid_from": row.valid_from.label if row.valid_from else "",
        "valid_until": row.valid_until.label if row.valid_until else "",
        "validity": validity_text(comparison, row),
        "history": _join(history_text(comparison, row)),
        "governance_bodies": _join([b.label for b in row.governance_bodies]),
        "collaboration_areas": _join([a.label for a in _group(row, "collaboration-area")]),
        "challenges": _join([a.label for a in _group(row, "challenge")]),
        "themes": _join([a.label for a in _group(row, "theme")]),
        "sdgs": " ".join(str(n) for n in row.sdgs),
        "cross_cutting_sdgs": " ".join(str(n) for n in row.cross_cutting_sdgs),
        "projects": str(len(row.projects)),
        "events": str(len(row.events)),
        "sources": _join(row.sources),
    }


def to_csv(comparison: Comparison, table: Table = "agreements") -> str:
    """The agreements table or the SDG matrix as CSV (RFC 4180, CRLF line ends)."""
    buffer = io.StringIO()
    if table == "agreements":
        writer = csv.DictWriter(buffer, fieldnames=AGREEMENT_COLUMNS)
        writer.writeheader()
        for row in comparison.rows:
            writer.writerow(agreement_record(comparison, row))
        return buffer.getvalue()
    writer = csv.DictWriter(buffer, fieldnames=MATRIX_COLUMNS)
    writer.writeheader()
    for m in comparison.matrix:
        for n, c in cells(comparison, m):
            writer.writerow(
                {
                    "level": m.level,
                    "agreement": m.agreement,
                    "iri": m.iri,
                    "label": m.label,
                    "sdg": n,
                    "area_lists": str(c.area_lists).lower(),
                    "cross_cutting": str(c.cross_cutting).lower(),
                    "projects": c.projects,
                }
            )
    return buffer.getvalue()
