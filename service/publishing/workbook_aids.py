"""The workbook's aids, from the template's declaration: required columns marked (a
coloured header with a note), drop-down lists (Excel data validation) for kinds, choices,
global goals and the IDs of other sheets, and the sheet of instructions."""

from typing import Any

from .template import NOTES, OTHER, OTHER_HELP, SHEETS, Column, Sheet

#: How many rows of each sheet the drop-down lists cover.
LIST_ROWS = 500
REQUIRED_FILL = "FFF2CC"
REQUIRED_NOTE = "Obligatorisk / required"
SDG_CHOICES = ",".join(str(n) for n in range(1, 18))


def _sheet_of_path(path: str) -> Sheet | None:
    """The sheet whose IDs a reference column's bare names are (e.g. 'area/' → Områden)."""
    return next((s for s in SHEETS if s.path == path), None)


def required_headers(sheet: Sheet) -> list[str]:
    return [c.header for c in sheet.columns if c.required]


def instructions() -> list[str]:
    """The sheet Instruktioner: the rules, then each sheet's purpose and required columns."""
    lines = [
        "Mall för samverkan-kg / samverkan-kg template (see docs/template.md).",
        "One row per resource. IDs are paths under https://w3id.org/samverkan-kg/; an empty "
        "ID is minted from the Swedish name column, never from another column.",
        "Required columns have a coloured header (and the note 'Obligatorisk / required').",
        "Dates as written: '2022', 'oktober 2021', 'hösten 2021', 'våren 2017', '22 oktober "
        "2024'. A date cell formatted as a month (nov 2021) is a month.",
        "An agreement valid until either party ends it: leave 'Gäller till' empty and write the "
        "source's words in 'Gäller tills vidare' ('tills vidare', 'tills vidare, med uppsägning').",
        "Global goals as numbers: '5, 7, 11, 17'. Lists of IDs: separated by commas.",
        "CSV: save as 'CSV UTF-8 (kommaavgränsad)'; semicolons and Windows-1252 are read too.",
        f"{NOTES}: your own notes, kept in the workbook and never imported.",
    ]
    for sheet in SHEETS:
        required = ", ".join(required_headers(sheet))
        lines.append(
            f"{sheet.name}: {sheet.help}" + (f" Required: {required}." if required else "")
        )
    lines.append(f"{OTHER}: {OTHER_HELP}")
    return lines


def _choices(sheet: Sheet, column: Column | None) -> tuple[str, bool] | None:
    """A column's drop-down list (an Excel formula) and whether other values are refused."""
    if column is None:  # the Typ column
        return '"' + ",".join(sheet.types) + '"', True
    if column.kind == "choice":
        return '"' + ",".join(column.choices) + '"', True
    if column.kind in ("sdgs", "reading"):
        return f'"{SDG_CHOICES}"', False  # a list of goals is several numbers
    target = _sheet_of_path(column.path) if column.kind == "refs" and not column.via else None
    if target is not None:
        return f"'{target.name}'!$A$2:$A${LIST_ROWS + 1}", False
    return None


def dress(book: Any) -> None:
    """Mark the required columns and add the drop-down lists to a written workbook."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    fill = PatternFill("solid", fgColor=REQUIRED_FILL)
    for sheet in SHEETS:
        page = book[sheet.name]
        by_header: dict[str, Column | None] = {c.header: c for c in sheet.columns}
        by_header["Typ"] = None
        for cell in page[1]:
            header = cell.value
            if header not in by_header:
                continue
            column = by_header[header]
            if column is not None and column.required:
                cell.fill = fill
                cell.comment = Comment(REQUIRED_NOTE, "samverkan-kg")
            found = _choices(sheet, column)
            if found is None:
                continue
            formula, strict = found
            letter = get_column_letter(cell.column)
            check = DataValidation(
                type="list", formula1=formula, allow_blank=True, showErrorMessage=strict
            )
            if strict:
                check.error = "Välj ett av orden i listan / choose one of the listed words"
            check.add(f"{letter}2:{letter}{LIST_ROWS + 1}")
            page.add_data_validation(check)
