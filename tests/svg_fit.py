"""Whether an SVG's texts fit inside its viewBox, by their estimated widths.

A plain module, not a test module: the chart tests (the comparison's SDG matrix, a resource's
neighbourhood picture) import it. A glyph of a sans-serif face is estimated at 0.6 of the
font size (0.65 in bold), a little wider than the average of Latin text, so a text that
fits here fits a browser's rendering; a text in ``<tspan>`` lines is measured line by line.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
EM_REGULAR = 0.6
EM_BOLD = 0.65


@dataclass(frozen=True)
class Overflow:
    text: str
    left: float
    right: float
    width: float  # the viewBox's


def _size(element: ET.Element, inherited: float, default_css: float) -> float:
    size = element.get("font-size")
    return float(size) if size else inherited or default_css


def _bold(element: ET.Element, inherited: bool) -> bool:
    weight = element.get("font-weight")
    return inherited if weight is None else weight in ("700", "bold")


def overflowing(
    svg: str, css_font_size: float = 11.0, css_bold: set[str] = frozenset()
) -> list[Overflow]:
    """The texts of ``svg`` that would reach past its viewBox's left or right edge
    (``css_font_size``: the size a stylesheet gives texts without a ``font-size``;
    ``css_bold``: the classes a stylesheet sets in bold)."""
    root = ET.fromstring(svg.split("?>", 1)[-1] if svg.startswith("<?xml") else svg)
    x0, _, width, _ = (float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()))
    found = []

    def visit(element: ET.Element, size: float, bold: bool) -> None:
        size = _size(element, size, css_font_size)
        bold = _bold(element, bold) or bool(set((element.get("class") or "").split()) & css_bold)
        if element.tag == f"{SVG}text":
            lines = [(t, t.text or "") for t in element.findall(f"{SVG}tspan")] or [
                (element, element.text or "")
            ]
            anchor = element.get("text-anchor", "start")
            for holder, line in lines:
                x = float(holder.get("x") or element.get("x") or 0)
                estimate = len(line) * size * (EM_BOLD if bold else EM_REGULAR)
                left = x - (
                    estimate if anchor == "end" else estimate / 2 if anchor == "middle" else 0
                )
                right = left + estimate
                if left < x0 - 0.5 or right > x0 + width + 0.5:
                    found.append(Overflow(line, left, right, width))
            return
        for child in element:
            visit(child, size, bold)

    visit(root, 0.0, False)
    return found
