"""What changed between two releases: added and removed statements, grouped by resource.

Blank nodes are compared by what they are (canonical names within each resource's
description), and a statement about a
blank node (a date, a place) is shown under the resource that leads to it, so that a changed
start date reads ``project/x  skg:start → rdfs:label "hösten 2022"@sv``.
"""

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal
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


def _descriptions(graph: Graph) -> dict[Node | None, frozenset[Triple]]:
    """Each resource's statements with the blank nodes they lead to, those blank nodes named
    canonically within that description alone, so that one changed date renames nothing
    elsewhere. Blank nodes no statement points to are one description, keyed ``None``."""
    found: dict[Node | None, frozenset[Triple]] = {}
    loose: list[Triple] = []
    described: set[Node] = set()
    for root in set(graph.subjects()):
        if isinstance(root, BNode) and (None, None, root) in graph:
            continue  # described under the resource that leads to it
        triples: list[Triple] = []
        todo, seen = [root], {root}
        while todo:
            node = todo.pop()
            for p, o in graph.predicate_objects(node):
                triples.append((node, p, o))
                if isinstance(o, BNode) and o not in seen:
                    seen.add(o)
                    todo.append(o)
        described |= seen
        if isinstance(root, BNode):
            loose += triples
        elif len(seen) == 1:
            found[root] = frozenset(triples)
        else:
            found[root] = frozenset(canonical_graph(triples))
    # blank nodes only other blank nodes lead to, in a cycle: loose too
    loose += [t for t in graph if t[0] not in described]
    if loose:
        found[None] = frozenset(canonical_graph(loose))
    return found


def _lines(part: frozenset[Triple], whole: frozenset[Triple]) -> set[str]:
    graph = Graph()
    for triple in whole:
        graph.add(triple)
    lines: set[str] = set()
    for s, p, o in part:
        _, path = _owner(graph, s)
        via = "".join(f"{_term(step)} → " for step in path)
        lines.add(f"{via}{_term(p)} {_term(o)}")
    return lines


def diff(old: Graph, new: Graph) -> list[Change]:
    """The changes from ``old`` to ``new``, one per resource, sorted by resource.

    Resources are compared by their descriptions (seconds for the register; a canonical form
    of the whole graph took rdflib minutes)."""
    before, after = _descriptions(old), _descriptions(new)
    changes: list[Change] = []
    for root in before.keys() | after.keys():
        was, now = before.get(root, frozenset()), after.get(root, frozenset())
        if was == now:
            continue
        removed, added = _lines(was - now, was), _lines(now - was, now)
        if removed != added:  # a renamed blank node repeats unchanged lines on both sides
            removed, added = removed - added, added - removed
        label = _label((new, old), root) if root is not None else None
        change = Change("[]" if root is None else _term(root), label)
        change.removed, change.added = sorted(removed), sorted(added)
        changes.append(change)
    return sorted(changes, key=lambda change: change.resource)


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
