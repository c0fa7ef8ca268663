"""A CSV sheet as spreadsheet programs save it: UTF-8 (with or without a byte order mark)
or Windows-1252, separated by commas, semicolons (Swedish Excel's default) or tabs.

The encoding and the separator are detected (the separator by :class:`csv.Sniffer`); what
cannot be read gets a message saying how to save the sheet instead, in Swedish and English.
"""

import csv
import io
from typing import Any

HOW_TO_SAVE = (
    'spara bladet i Excel med "Spara som → CSV UTF-8 (kommaavgränsad)" / save the sheet in '
    'Excel with "Save As → CSV UTF-8 (Comma delimited)"'
)
#: Bytes Windows-1252 leaves undefined: text with them is in no encoding we read.
_UNDEFINED_1252 = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


class CsvError(ValueError):
    """A CSV file that cannot be read; the message says how to save it instead."""


def decode(data: bytes) -> str:
    """The text of a CSV file in UTF-8 (BOM or not) or Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise CsvError(f"the file is UTF-16 ('Unicode text'), not CSV: {HOW_TO_SAVE}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if any(byte in _UNDEFINED_1252 for byte in data):
        raise CsvError(f"the file is neither UTF-8 nor Windows-1252 text: {HOW_TO_SAVE}")
    return data.decode("cp1252")


def separator(text: str) -> str:
    """The separator of the header line: a comma, a semicolon or a tab."""
    first = text.split("\n", 1)[0]
    try:
        return str(csv.Sniffer().sniff(first, delimiters=",;\t").delimiter)
    except csv.Error:  # one column only, or no separator the sniffer is sure of
        counts = {d: first.count(d) for d in ",;\t"}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def read_csv_rows(data: bytes) -> list[list[Any]]:
    """The rows of a CSV file (each a list of cell texts)."""
    text = decode(data)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=separator(text))]
    except csv.Error as error:
        raise CsvError(f"{error}: {HOW_TO_SAVE}") from None
