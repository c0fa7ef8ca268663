"""A filled template → a graph, validated together with the rest of the graph.

The HTTP door (``POST /validate``) and the CLI (``samverkan import``) both call these, so a
template means the same thing to both.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ..loading.rdf import load_graph
from ..loading.validation import ValidationReport, load_shapes, validate, with_ontology
from ..namespaces import BASE
from ..paths import data_files
from .convert import Imported, tables_to_graph
from .workbook import Tables, read_tables

Triple = tuple[Node, Node, Node]


@dataclass
class Checked:
    """An imported template and its SHACL report against the graph it joins."""

    imported: Imported
    report: ValidationReport


def read_template(path: Path, base: str = BASE) -> Imported:
    """Read a workbook or CSV folder (raises WorkbookError or TemplateError)."""
    return tables_to_graph(read_tables(path), base)


def rest_of_graph(replacing: Path | None = None, files: Sequence[Path] | None = None) -> list[Path]:
    """The ontology and the data files the import joins, without the file it replaces."""
    chosen = list(files) if files is not None else data_files()
    if replacing is not None:
        target = replacing.resolve()
        chosen = [p for p in chosen if p.resolve() != target]
    return with_ontology(chosen)


def check(
    imported: Imported,
    context: Sequence[Path],
    shapes: Graph | None = None,
) -> Checked:
    """Validate the imported graph together with ``context`` (RDF files).

    A finding names the sheet and row (or cell) its resource or statement came from, else
    the file of the rest of the graph that holds it.
    """
    origins: dict[Node, str] = {}
    cells: dict[Triple, str] = {}
    data = Graph()
    for path in context:
        graph = load_graph([path])
        for triple in graph:
            origins.setdefault(triple[0], str(path))
            cells.setdefault(triple, str(path))
        data += graph
    return check_graph(imported, data, shapes, origins, cells)


def _without(data: Graph, subjects: set[Node]) -> Graph:
    """``data`` without what it says about ``subjects`` (and the blank nodes only they use):
    an upload describing a resource replaces the graph's description of it."""
    kept = Graph()
    dropped: set[Node] = set()
    todo = list(subjects)
    while todo:
        node = todo.pop()
        if node in dropped:
            continue
        dropped.add(node)
        for obj in data.objects(node, None):
            if isinstance(obj, BNode) and set(data.subjects(None, obj)) <= dropped | {node}:
                todo.append(obj)
    for triple in data:
        if triple[0] not in dropped:
            kept.add(triple)
    return kept


def check_graph(
    imported: Imported,
    context: Graph,
    shapes: Graph | None = None,
    origins: dict[Node, str] | None = None,
    cells: dict[Triple, str] | None = None,
) -> Checked:
    """Validate ``imported`` together with ``context`` (a graph), the upload replacing what
    the context says about the resources it describes."""
    origins = dict(origins or {})
    cells = dict(cells or {})
    described: set[Node] = {s for s in imported.graph.subjects() if isinstance(s, URIRef)}
    data = _without(context, described)
    data += imported.graph
    origins.update(imported.origins)
    cells.update(imported.cells)
    report = validate(data, shapes if shapes is not None else load_shapes(), origins, cells)
    return Checked(imported, report)


def check_tables(tables: Tables, context: Sequence[Path], base: str = BASE) -> Checked:
    """``check`` for sheets already read (the upload path)."""
    return check(tables_to_graph(tables, base), context)
