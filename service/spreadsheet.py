"""Cells safe to open in a spreadsheet: no text cell may start a formula.

A CSV file meant for spreadsheets (the comparison, the listings, labelled question tables,
the template's CSV sheets) may carry labels from the graph or an upload. A cell starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets (CSV injection): as OWASP recommends, such a cell is written
with a leading ``'``, which spreadsheets read as "this is text". SPARQL CSV/TSV results are
a data format and stay exact; only tables made for people get this.
"""

from typing import Final, TypeVar

#: What starts a formula in a spreadsheet cell.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


def neutralised(value: T) -> T | str:
    """``value``, with a ``'`` before it if it is text that a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restored(text: str) -> str:
    """The text :func:`neutralised` was given (for reading back a sheet we wrote)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
