"""A small picture of a resource's neighbourhood: the resource in the middle, the resources
it links to and from around it, an arrow per link. SVG, drawn on the server (no script).

The picture repeats what the page's tables say in words and links, so it is hidden from
screen readers and holds nothing to focus; its caption says what it shows.
"""

import math
from dataclasses import dataclass
from html import escape

from rdflib import BNode, Graph, URIRef

from ..namespaces import DCTERMS, RDF

#: Most neighbours drawn (the tables list them all).
MAX_NEIGHBOURS = 18
#: The drawing: wider than high, so labels left and right of the circle fit.
_WIDTH = 760
_HEIGHT = 520
_RX = 190  # the ellipse the neighbours sit on
_RY = 200
#: The labels' sizes (as the stylesheet draws them) and a generous estimate of a glyph's
#: advance, in ems: the drawing widens to hold every label (nothing is clipped).
_FONT = 11
_TITLE_FONT = 13
_EM = 0.65


@dataclass(frozen=True)
class Neighbour:
    iri: URIRef
    outgoing: bool  # the resource links to it (else it links to the resource)


def neighbours(graph: Graph, subject: URIRef) -> list[Neighbour]:
    """IRIs the resource links to (not types or sources) and IRIs that link to it."""
    skip = {RDF.type, DCTERMS.source}
    found: dict[URIRef, Neighbour] = {}
    for p, o in graph.predicate_objects(subject):
        if p not in skip and isinstance(o, URIRef) and o != subject:
            found.setdefault(o, Neighbour(o, True))
    for s, p in graph.subject_predicates(subject):
        holders = list(graph.subjects(None, s)) if isinstance(s, BNode) else [s]
        for holder in holders:
            if p not in skip and isinstance(holder, URIRef) and holder != subject:
                found.setdefault(holder, Neighbour(holder, False))
    return list(found.values())


def _short(text: str, most: int = 24) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def render(title: str, around: list[tuple[str, bool]]) -> str:
    """SVG markup: ``title`` in the middle, each (name, outgoing) around it (the first
    :data:`MAX_NEIGHBOURS`)."""
    around = around[:MAX_NEIGHBOURS]
    cx, cy = _WIDTH / 2, _HEIGHT / 2
    left, right = 0.0, float(_WIDTH)  # the drawing's edges, widened for long labels

    def holds(x: float, anchor: str, text: str, size: int) -> None:
        nonlocal left, right
        width = len(text) * size * _EM
        start = x - (width if anchor == "end" else width / 2 if anchor == "middle" else 0)
        left, right = min(left, start - 4), max(right, start + width + 4)

    parts = [
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#8a94a6"/></marker></defs>',
    ]
    count = max(1, len(around))
    for index, (name, outgoing) in enumerate(around):
        angle = 2 * math.pi * index / count - math.pi / 2
        x, y = cx + _RX * math.cos(angle), cy + _RY * math.sin(angle)
        # the arrow stops short of the circles at both ends
        dx, dy = x - cx, y - cy
        length = math.hypot(dx, dy) or 1
        sx, sy = cx + dx / length * 34, cy + dy / length * 34
        ex, ey = x - dx / length * 9, y - dy / length * 9
        if not outgoing:
            sx, sy, ex, ey = ex, ey, sx, sy
        parts.append(
            f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" '
            'marker-end="url(#arrow)"/>'
        )
        anchor = "middle" if abs(dx) < 20 else ("start" if dx > 0 else "end")
        tx = x + (12 if anchor == "start" else -12 if anchor == "end" else 0)
        ty = y + (18 if dy > 0 and anchor == "middle" else -12 if anchor == "middle" else 4)
        parts.append(f'<circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="7"/>')
        label = _short(name)
        holds(tx, anchor, label, _FONT)
        parts.append(
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" font-size="{_FONT}">'
            f"{escape(label)}</text>"
        )
    parts.append(f'<circle class="self" cx="{cx}" cy="{cy}" r="30"/>')
    if title:
        holds(cx, "middle", _short(title, 40), _TITLE_FONT)
        parts.append(
            f'<text class="self" x="{cx}" y="{cy + 50}" text-anchor="middle" '
            f'font-size="{_TITLE_FONT}">{escape(_short(title, 40))}</text>'
        )
    head = (
        f'<svg class="neighbourhood" xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} 0 '
        f'{right - left:.0f} {_HEIGHT}" aria-hidden="true" focusable="false">'
    )
    return "".join([head, *parts, "</svg>"])
