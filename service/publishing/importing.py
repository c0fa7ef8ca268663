"""A filled template → a graph, checked as the graph ``serve`` will load: every file of
``data/`` (and the ontology) plus the new one.

Every problem comes in one round and in the template's words: unreadable cells, rows that
re-describe a resource another file describes (with that file and what differs), IDs that
name nothing (with the nearest existing IDs), and the shapes' violations mapped back to
sheet, cell and column. The HTTP door (``POST /validate``) and the CLI
(``samverkan import``) both call :func:`check_tables`, so a template means the same to both.
"""

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..loading.rdf import load_graph
from ..loading.report import Finding
from ..loading.validation import ValidationReport, load_shapes, validate, with_ontology
from ..namespaces import BASE, RDF, compact_iri
from ..paths import data_files
from .convert import Imported, read_leniently
from .references import ref_text
from .report_view import hint_for
from .template import OTHER, SHEETS, sheet_named
from .workbook import Tables

Triple = tuple[Node, Node, Node]


@dataclass
class Checked:
    """An imported template, its SHACL report, and every problem in the template's words."""

    imported: Imported
    report: ValidationReport
    #: the graph checked: every file plus what the import adds
    graph: Graph
    #: cells that could not be read (the CLI's exit code 2)
    unreadable: list[str] = field(default_factory=list)
    #: everything else that stops the import: re-descriptions, unknown IDs, violations
    problems: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.unreadable and not self.problems

    @property
    def all_problems(self) -> list[str]:
        return self.unreadable + self.problems


def rest_of_graph(replacing: Path | None = None, files: Sequence[Path] | None = None) -> list[Path]:
    """The ontology and the data files the import joins, without the file it replaces."""
    chosen = list(files) if files is not None else data_files()
    if replacing is not None:
        target = replacing.resolve()
        chosen = [p for p in chosen if p.resolve() != target]
    return with_ontology(chosen)


def _shown(path: Path) -> str:
    """A file as the person importing knows it: relative to where they are, if below."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _term(node: Node) -> str:
    if isinstance(node, Literal):
        return f'"{node}"' + (f"@{node.language}" if node.language else "")
    if isinstance(node, BNode):
        return "(a date or unnamed value)"
    return compact_iri(str(node), strict=True)


def _differences(ours: Graph, theirs: Graph, subject: Node) -> str:
    """What the row says of ``subject`` that the file does not, and the other way round."""
    mine = {(p, o) for p, o in ours.predicate_objects(subject) if not isinstance(o, BNode)}
    other = {(p, o) for p, o in theirs.predicate_objects(subject) if not isinstance(o, BNode)}
    parts = []
    for p in sorted({p for p, _ in mine ^ other}, key=str):
        here = ", ".join(sorted(_term(o) for q, o in mine - other if q == p)) or "nothing"
        there = ", ".join(sorted(_term(o) for q, o in other - mine if q == p)) or "nothing"
        parts.append(f"{_term(p)}: here {here}, there {there}")
    return "; ".join(parts) if parts else "it says the same"


def _without(data: Graph, subjects: set[Node]) -> Graph:
    """``data`` without what it says about ``subjects`` (and the blank nodes only they use)."""
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
    kept = Graph()
    for triple in data:
        if triple[0] not in dropped:
            kept.add(triple)
    return kept


class _Check:
    def __init__(self, imported: Imported, files: Sequence[Path], base: str) -> None:
        self.imported = imported
        self.base = base
        self.per_file: dict[str, Graph] = {_shown(path): load_graph([path]) for path in files}
        self.problems: list[str] = []

    def refused_rows(self) -> set[Node]:
        """Resources a sheet's row describes that another file already describes."""
        refused: dict[Node, str] = {}
        rows = {
            s: row
            for s, row in self.imported.origins.items()
            if isinstance(s, URIRef) and not row.startswith(OTHER)
        }
        for subject, row in sorted(rows.items(), key=lambda item: item[1]):
            file = next((f for f, g in self.per_file.items() if (subject, None, None) in g), None)
            if file is None:
                continue
            refused[subject] = file
            sheet, mark, number = row.partition("!")
            place = self.imported.place(f"{sheet}!A{number}") if mark else row
            declared = sheet_named(sheet)
            name = ref_text(subject, self.base, declared.path if declared else "")
            differs = _differences(self.imported.graph, self.per_file[file], subject)
            self.problems.append(
                f"{place}: {name} is already described in "
                f"{file} ({differs}); leave the row out and refer to {name!r} by its ID"
            )
        files = set(refused.values())
        if refused and len(files) == 1 and len(refused) == len(rows):
            file = files.pop()
            self.problems.append(
                f"every resource of the workbook already lives in {file}: to replace that "
                f"file, import with --out {file}"
            )
        return set(refused)

    def unknown_ids(self, graph: Graph) -> set[Node]:
        """IRIs under the base a cell names that nothing describes; nearest IDs suggested."""
        described = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
        unknown: set[Node] = set()
        said: set[tuple[Node, str]] = set()  # a cell's value and what it implies: once
        for (_, p, o), cell in sorted(self.imported.cells.items(), key=lambda item: item[1]):
            if p == RDF.type or not isinstance(o, URIRef) or not str(o).startswith(self.base):
                continue
            if o in described or "#" in str(o) or (o, cell) in said:
                continue
            unknown.add(o)
            said.add((o, cell))
            path = self._path_of(cell)
            within = self.base + path
            names = sorted(ref_text(s, self.base, path) for s in described if s.startswith(within))
            name = ref_text(o, self.base, path)
            near = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
            fix = (
                "did you mean " + " or ".join(repr(n) for n in near) + "?"
                if near
                else "add its row, or write an ID that exists"
            )
            self.problems.append(
                f"{self.imported.place(cell)}: {name!r} names no resource in the workbook or in "
                f"data/: {fix}"
            )
        return unknown

    def _path_of(self, cell: str) -> str:
        """The class path of the column a cell is in ("partner/" for *Parter*), else ""."""
        sheet = sheet_named(cell.partition("!")[0])
        header = self.imported.headers.get(cell.rstrip("0123456789"))
        column = next((c for c in sheet.columns if c.header == header), None) if sheet else None
        return column.path if column is not None and "://" not in column.path else ""

    def finding(self, finding: Finding) -> str:
        """A violation in the template's words: its cell and column, else its file."""
        where = finding.file or ""
        path = None
        if finding.path:  # an inverse path is "^<iri>"
            inverse, iri = finding.path.startswith("^"), finding.path.removeprefix("^")
            path = ("^" if inverse else "") + compact_iri(iri, strict=True)
        sheet_name, _, rest = where.partition("!")
        sheet = sheet_named(sheet_name)
        column = None
        if sheet is not None and rest.isdigit():
            steps = self.imported.steps.get(BNode(finding.focus_node), ())
            headers = [
                c.header
                for c in sheet.columns
                if finding.path in {str(c.predicate), *(str(i.predicate) for i in c.implies)}
                and c.via == steps
            ]
            column = headers[0] if headers else None
            place = (
                self.imported.cell_of(sheet.name, column, int(rest))
                if column
                else f"{sheet.name}!A{rest}"
            )
        elif rest:
            place = self.imported.place(where)
            column = self.imported.headers.get(where.rstrip("0123456789"))
        else:
            focus = compact_iri(finding.focus_node, strict=True)
            place = f"{where or 'the graph'}: {focus}" + (f" {path}" if path else "")
        what = f'the column "{column}"' if column else (path or "the row")
        if path and path.startswith("^"):  # another row must name this one
            named_in = [
                f'"{c.header}" of the sheet {other.name}'
                for other in SHEETS
                for c in other.columns
                if str(c.predicate) == str(finding.path).removeprefix("^")
            ]
            what = f"this row's ID in the column {named_in[0]}" if named_in else path
        hint = hint_for(finding.constraint, what, "en")
        value = f" (value: {finding.value})" if finding.value else ""
        return f"{place}: {finding.message}{value} {hint}"


def check_tables(
    tables: Tables,
    files: Sequence[Path],
    shapes: Graph | None = None,
    base: str = BASE,
) -> Checked:
    """Read ``tables`` and check them with ``files`` (the ontology and data files the new
    one joins); every problem is collected, nothing is raised for a bad cell."""
    imported, unreadable = read_leniently(tables, base)
    return check(imported, files, shapes, base, unreadable)


def check(
    imported: Imported,
    files: Sequence[Path],
    shapes: Graph | None = None,
    base: str = BASE,
    unreadable: Sequence[str] = (),
) -> Checked:
    """Check ``imported`` as part of the graph ``files`` plus it will be."""
    run = _Check(imported, files, base)
    refused = run.refused_rows()
    data = Graph()
    origins: dict[Node, str] = {}
    cells: dict[Triple, str] = {}
    for file, graph in run.per_file.items():
        for triple in graph:
            origins.setdefault(triple[0], file)
            cells.setdefault(triple, file)
        data += graph
    data += _without(imported.graph, refused)
    origins.update({s: o for s, o in imported.origins.items() if s not in refused})
    cells.update(imported.cells)
    unknown = run.unknown_ids(data)
    report = validate(data, shapes if shapes is not None else load_shapes(), origins, cells)
    # an unknown ID's findings are said above, and so is a cell that could not be read
    unread = {problem.partition(": ")[0] for problem in unreadable}
    for finding in report.violations:
        if {URIRef(finding.focus_node), URIRef(finding.value or "")}.isdisjoint(unknown):
            problem = run.finding(finding)
            if problem.partition(": ")[0] not in unread:
                run.problems.append(problem)
    return Checked(imported, report, data, list(unreadable), run.problems)
