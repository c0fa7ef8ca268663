"""The SDG coverage matrix as a self-contained SVG (no external fonts, images or styles).

Columns are the goals with their official numbers on their official colours; rows are the
agreements and, indented under each, its collaboration areas. In a cell a filled square means
the area lists the goal (in an agreement row: one of its areas does), a number counts the
projects addressing it, and a dashed frame marks a cross-cutting goal of an action plan.
"""

import textwrap
from functools import cache
from typing import Final
from xml.sax.saxutils import escape, quoteattr

from ..words import words_table
from .model import Cell, Comparison, MatrixRow

#: The UN SDG colour palette (hex values of the 17 goals) as defined in "Sustainable Development
#: Goals: Guidelines for the use of the SDG logo including the colour wheel, and 17 icons",
#: United Nations Department of Global Communications, May 2020, section "Colours — colour
#: definitions". The one place every output (page, SVG, JSON) takes the colours from.
SDG_COLOURS: Final[dict[int, str]] = {
    1: "#E5243B",
    2: "#DDA63A",
    3: "#4C9F38",
    4: "#C5192D",
    5: "#FF3A21",
    6: "#26BDE2",
    7: "#FCC30B",
    8: "#A21942",
    9: "#FD6925",
    10: "#DD1367",
    11: "#FD9D24",
    12: "#BF8B2E",
    13: "#3F7E44",
    14: "#0A97D9",
    15: "#56C02B",
    16: "#00689D",
    17: "#19486A",
}
FALLBACK_COLOUR: Final = "#5B6475"

FONT: Final = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
MARGIN: Final = 16
CELL: Final = 28
GAP: Final = 4
LINE: Final = 15
WRAP: Final = 58
CHAR_WIDTH: Final = 6.9  # average advance of a 12 px sans-serif glyph, for layout only
FG: Final = "#1D2330"
MUTED: Final = "#5B6475"
GRID: Final = "#D9DEE7"
BAND: Final = "#F5F7FA"
WHITE: Final = "#FFFFFF"
BLACK: Final = "#000000"
#: WCAG 2.1 minimum contrast: text (1.4.3, AA, normal size) and graphics (1.4.11).
TEXT_CONTRAST: Final = 4.5
GRAPHIC_CONTRAST: Final = 3.0


def colour(number: int) -> str:
    """The official colour of goal ``number``."""
    return SDG_COLOURS.get(number, FALLBACK_COLOUR)


def _luminance(hex_colour: str) -> float:
    """Relative luminance of an ``#RRGGBB`` colour (WCAG 2.1, from sRGB)."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG 2.1 contrast ratio of two ``#RRGGBB`` colours, from 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@cache  # pure, and asked for every cell of a page's matrix
def ink(number: int) -> str:
    """The text colour on goal ``number``'s colour: white as the UN's icons have it where that
    reaches 4.5:1, else the page's dark text, else black (one of white and black always does).
    """
    fill = colour(number)
    for candidate in (WHITE, FG):
        if contrast(candidate, fill) >= TEXT_CONTRAST:
            return candidate
    return BLACK


@cache
def edge(number: int) -> str:
    """The outline of a filled mark in goal ``number``'s colour: the colour itself where it
    stands out 3:1 from the white page, else the dark text colour (e.g. the yellow of goal 7).
    """
    fill = colour(number)
    return fill if contrast(fill, WHITE) >= GRAPHIC_CONTRAST else FG


def _lines(label: str, indent: bool) -> list[str]:
    lines = textwrap.wrap(label, WRAP - (3 if indent else 0)) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), WRAP - 3, placeholder=" …")]
    return lines


def _attrs(**values: object) -> str:
    """XML attributes from keywords: ``class_`` is ``class``, ``data_iri`` is ``data-iri``."""
    return " ".join(
        f"{k.rstrip('_').replace('_', '-')}={quoteattr(str(v))}" for k, v in values.items()
    )


def _cell(x: float, y: float, number: int, cell: Cell) -> list[str]:
    fill = colour(number)
    parts = [f'<g class="cell" data-sdg="{number}">']
    parts.append(
        f"<rect {_attrs(x=x, y=y, width=CELL, height=CELL, fill='#FFFFFF', stroke=GRID)}/>"
    )
    if cell.area_lists:
        parts.append(
            f"<rect {_attrs(class_='listed', x=x + 3, y=y + 3, width=CELL - 6, height=CELL - 6)}"
            f" {_attrs(fill=fill, stroke=edge(number))}/>"
        )
    if cell.cross_cutting:
        parts.append(
            f"<rect {_attrs(class_='cross-cutting', x=x + 1, y=y + 1)}"
            f" {_attrs(width=CELL - 2, height=CELL - 2, fill='none', stroke=fill)}"
            ' stroke-width="2" stroke-dasharray="4 2"/>'
        )
    if cell.projects:
        text_colour = ink(number) if cell.area_lists else FG
        parts.append(
            f"<text {_attrs(class_='projects', x=x + CELL / 2, y=y + CELL / 2 + 4)}"
            f' text-anchor="middle" font-size="12" font-weight="700" fill="{text_colour}">'
            f"{cell.projects}</text>"
        )
    if cell.judged:  # a goal link the curators claim: an asterisk in the corner
        parts.append(
            f"<text {_attrs(class_='judged', x=x + CELL - 3, y=y + 10)}"
            f' text-anchor="end" font-size="11" font-weight="700" fill="{FG}">*</text>'
        )
    parts.append("</g>")
    return parts


def render(comparison: Comparison) -> str:
    """The matrix of ``comparison`` as an SVG document."""
    text = words_table(comparison.lang, "compare_svg")
    goals = comparison.goals
    rows: list[tuple[MatrixRow, list[str]]] = [
        (m, _lines(m.label, m.nested)) for m in comparison.matrix
    ]
    longest = max((len(line) for _, lines in rows for line in lines), default=20)
    label_width = round(longest * CHAR_WIDTH) + 24
    grid_x = MARGIN + label_width
    coverage_width = max(
        (len(comparison.coverage_text(m.coverage)) for m in comparison.matrix), default=0
    )
    width = grid_x + len(goals) * (CELL + GAP) + 6 + round(coverage_width * 6.3) + MARGIN
    title_y = MARGIN + 18
    header_y = title_y + 30
    y = header_y + CELL + 10

    body: list[str] = []
    # Column headers: the goal's number on its colour, the goal's name as a tooltip.
    body.append(
        f'<text {_attrs(x=grid_x, y=header_y - 8)} font-size="12" fill="{MUTED}">'
        f"{escape(text['goals'])}</text>"
    )
    for i, goal in enumerate(goals):
        x = grid_x + i * (CELL + GAP)
        body.append(
            f'<g class="sdg-header" data-sdg="{goal.number}">'
            f"<title>{escape(f'{goal.number}. {goal.label}')}</title>"
            f"<rect {_attrs(x=x, y=header_y, width=CELL, height=CELL, fill=colour(goal.number))}/>"
            f'<text {_attrs(x=x + CELL / 2, y=header_y + CELL / 2 + 5)} text-anchor="middle"'
            f' font-size="13" font-weight="700" fill="{ink(goal.number)}">{goal.number}</text></g>'
        )

    for m, lines in rows:
        height = max(CELL, len(lines) * LINE + 6) + GAP
        agreement = not m.nested  # a top row: banded, bold, not indented
        body.append(
            f"<g {_attrs(class_=f'matrix-row {m.level}', data_iri=m.iri)}"
            f" {_attrs(data_agreement=m.agreement)}>"
        )
        body.append(f"<title>{escape(m.label)}</title>")
        if agreement:
            body.append(
                f"<rect {_attrs(x=MARGIN - 4, y=y - 2, width=width - 2 * MARGIN + 8)}"
                f" {_attrs(height=height, fill=BAND)}/>"
            )
        label_x = MARGIN + (0 if agreement else 18)
        first = y + (CELL - (len(lines) - 1) * LINE) / 2 + 4
        weight = "700" if agreement else "400"
        body.append(
            f'<text {_attrs(class_="row-label", x=label_x, y=first)} font-size="12"'
            f' font-weight="{weight}" fill="{FG}">'
        )
        for k, line in enumerate(lines):
            dy = 0 if k == 0 else LINE
            body.append(f'<tspan x="{label_x}" dy="{dy}">{escape(line)}</tspan>')
        body.append("</text>")
        top = y + (height - GAP - CELL) / 2
        for i, goal in enumerate(goals):
            x = grid_x + i * (CELL + GAP)
            body += _cell(x, top, goal.number, m.cells.get(goal.number, Cell()))
        coverage_x = grid_x + len(goals) * (CELL + GAP) + 6
        body.append(
            f"<text {_attrs(class_=f'coverage {m.coverage}', x=coverage_x, y=top + CELL / 2 + 4)}"
            f' font-size="11" fill="{MUTED}">{escape(comparison.coverage_text(m.coverage))}</text>'
        )
        body.append("</g>")
        y += height

    # Legend: one sample of each mark.
    y += 12
    sample = Cell(area_lists=True)
    legend = [
        (_cell(MARGIN, y, 0, sample), text["listed"]),
        (_cell(MARGIN, y + CELL + 8, 0, Cell(projects=3)), text["projects"]),
        (_cell(MARGIN, y + 2 * (CELL + 8), 0, Cell(cross_cutting=True)), text["cross"]),
        (_cell(MARGIN, y + 3 * (CELL + 8), 0, Cell(judged=True)), text["judged"]),
    ]
    body.append('<g class="legend">')
    for k, (marks, words) in enumerate(legend):
        body += marks
        body.append(
            f"<text {_attrs(x=MARGIN + CELL + 10, y=y + k * (CELL + 8) + CELL / 2 + 4)}"
            f' font-size="12" fill="{FG}">{escape(words)}</text>'
        )
    body.append("</g>")
    height = y + len(legend) * (CELL + 8) + MARGIN
    legend_width = (
        MARGIN
        + CELL
        + 10
        + round(max(len(text[k]) for k in ("listed", "projects", "cross", "judged")) * CHAR_WIDTH)
    )
    width = max(width, legend_width + MARGIN)

    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img" aria-labelledby="title"'
        ' aria-describedby="desc"'
        f' font-family={quoteattr(FONT)} xml:lang="{comparison.lang}">',
        f'<title id="title">{escape(text["title"])}</title>',
        f'<desc id="desc">{escape(text["desc"])}</desc>',
        f'<rect width="{width}" height="{height}" fill="#FFFFFF"/>',
        f'<text x="{MARGIN}" y="{title_y}" font-size="18" font-weight="700" fill="{FG}">'
        f"{escape(text['title'])}</text>",
    ]
    return "\n".join([*head, *body, "</svg>"]) + "\n"
