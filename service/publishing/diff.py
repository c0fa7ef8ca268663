"""What changed between two releases: added and removed statements, grouped by resource.

Blank nodes are compared by what they are (``rdflib.compare``), and a statement about a
blank node (a date, a place) is shown under the resource that leads to it, so that a changed
start date reads ``project/x  skg:start → rdfs:label "hösten 2022"@sv``.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from ..i18n import LABEL_PREDICATES, label_rank
from ..namespaces import BASE, compact_iri
from .dumps import canonical_graph

Triple = tuple[Node, Node, Node]


@dataclass
class Change:
    """The statements added and removed about one resource."""

    resource: str
    label: str | None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _term(node: Node) -> str:
    if isinstance(node, Literal):
        if node.datatype is not None:
            return f"{Literal(str(node)).n3()}^^{_term(node.datatype)}"
        return node.n3()
    if isinstance(node, BNode):
        return "[]"
    compact = compact_iri(str(node), strict=True)
    if compact.startswith("id:") or compact == str(node):
        return str(node)[len(BASE) :] if str(node).startswith(BASE) else f"<{node}>"
    return compact


def _owner(graph: Graph, node: Node, depth: int = 4) -> tuple[Node, list[Node]]:
    """The IRI a blank node hangs from, and the properties that lead from it to the node."""
    path: list[Node] = []
    while isinstance(node, BNode) and depth:
        found = next(iter(graph.subject_predicates(node)), None)
        if found is None:
            break
        node, predicate = found
        path.insert(0, predicate)
        depth -= 1
    return node, path


def _label(graphs: tuple[Graph, Graph], node: Node) -> str | None:
    for graph in graphs:
        labels = [
            (label_rank(o, p, "sv"), o)
            for p in LABEL_PREDICATES
            for o in graph.objects(node, p)
            if isinstance(o, Literal)
        ]
        if labels:
            return str(min(labels)[1])
    return None


def diff(old: Graph, new: Graph) -> list[Change]:
    """The changes from ``old`` to ``new``, one per resource, sorted by resource."""
    if set(canonical_graph(old)) == set(canonical_graph(new)):
        return []  # isomorphic: Oxigraph's canonical forms agree (seconds, not minutes)
    old_iso, new_iso = to_canonical_graph(old), to_canonical_graph(new)
    only_old, only_new = old_iso - new_iso, new_iso - old_iso
    changes: dict[str, Change] = {}
    lines: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"+": set(), "-": set()})
    for sign, part, whole in (("-", only_old, old_iso), ("+", only_new, new_iso)):
        for s, p, o in part:
            owner, path = _owner(whole, s)
            key = _term(owner)
            if key not in changes:
                changes[key] = Change(key, _label((new, old), owner))
            via = "".join(f"{_term(step)} → " for step in path)
            lines[key][sign].add(f"{via}{_term(p)} {_term(o)}")
    for key, change in changes.items():
        change.added = sorted(lines[key]["+"])
        change.removed = sorted(lines[key]["-"])
    return [changes[k] for k in sorted(changes)]


def to_text(changes: list[Change]) -> str:
    """The changes for people: a heading per resource, then ``-`` and ``+`` lines."""
    out: list[str] = []
    for change in changes:
        out.append(f"{change.resource}" + (f"  ({change.label})" if change.label else ""))
        out += [f"  - {line}" for line in change.removed]
        out += [f"  + {line}" for line in change.added]
    added = sum(len(c.added) for c in changes)
    removed = sum(len(c.removed) for c in changes)
    out.append(f"{len(changes)} resource(s) changed: {added} added, {removed} removed")
    return "\n".join(out)


__all__ = ["Change", "diff", "to_text"]
