"""Rows of the template ↔ RDF in the project's ontology.

``tables_to_graph`` reads filled sheets into a graph and remembers which sheet, row and cell
each resource and statement came from; ``graph_to_tables`` writes a graph back into the
sheets. Both follow :mod:`.template`; whatever no column holds travels in ``Övrigt``.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..namespaces import BASE, PREFIXES, RDF, compact_iri
from .codecs import CODECS, Cell, CellProblem, Writing
from .dumps import canonical_graph
from .references import parse_ref, ref_text, slug
from .template import NOTES, OTHER, OTHER_HEADERS, SHEETS, Column, Implied, Sheet, Step
from .workbook import Tables, empty_tables

Triple = tuple[Node, Node, Node]
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")


def _column(number: int) -> str:
    """A spreadsheet column's letters (1 → A). openpyxl is imported here, not at start-up:
    every command and the app import this module, few of them read a workbook."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(number))


@dataclass
class Imported:
    """The graph a template gives, and where each resource and statement came from."""

    graph: Graph
    #: resource → "Projekt!7" (its row)
    origins: dict[Node, str] = field(default_factory=dict)
    #: statement → "Projekt!F7" (its cell)
    cells: dict[Triple, str] = field(default_factory=dict)
    #: "Projekt!F" → "Start": each sheet's column letters and their headers
    headers: dict[str, str] = field(default_factory=dict)
    #: an unnamed node a row's columns describe together → the steps to it from the row
    steps: dict[Node, tuple[Step, ...]] = field(default_factory=dict)

    def place(self, address: str) -> str:
        """A cell's address in the template's words: 'Projekt!F7 (column "Start")'."""
        header = self.headers.get(address.rstrip("0123456789"))
        return f'{address} (column "{header}")' if header else address

    def cell_of(self, sheet: str, header: str, row: int) -> str:
        """The address of a sheet's column in a row (the column's letter, if it has one)."""
        letter = next(
            (
                k.split("!", 1)[1]
                for k, h in self.headers.items()
                if k.startswith(f"{sheet}!") and h == header
            ),
            None,
        )
        if letter is None:
            return f'{sheet}!{row} (column "{header}", not in the sheet: add it)'
        return self.place(f"{sheet}!{letter}{row}")


class TemplateError(ValueError):
    """A filled template that cannot be read: one line per problem, each naming its cell."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def cell_text(value: Any) -> str:
    """A cell as text: whole numbers without ".0", dates in ISO form, None as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value).strip()


# ---------------------------------------------------------------- import


class _Reader:
    def __init__(self, base: str) -> None:
        self.base = base
        self.result = Imported(Graph())
        self.problems: list[str] = []
        self.blanks: dict[str, BNode] = {}
        #: (value, class, cell): classes given to values that have their own row
        self.classed: list[tuple[Node, URIRef, str]] = []

    def add(self, triple: Triple, cell: str) -> None:
        self.result.graph.add(triple)
        self.result.cells.setdefault(triple, cell)

    def problem(self, cell: str, message: str) -> None:
        self.problems.append(f"{self.result.place(cell)}: {message}")

    def header_map(self, name: str, rows: list[list[Any]], known: list[str]) -> dict[int, str]:
        headers = [cell_text(h) for h in (rows[0] if rows else [])]
        columns: dict[int, str] = {}
        for index, header in enumerate(headers):
            address = f"{name}!{_column(index + 1)}1"
            if not header:
                continue
            if header not in known:
                self.problem(address, f"unknown column {header!r} (known: {', '.join(known)})")
            elif header in columns.values():
                self.problem(address, f"column {header!r} appears twice")
            else:
                columns[index] = header
                self.result.headers[f"{name}!{_column(index + 1)}"] = header
        return columns

    def sheet(self, sheet: Sheet, rows: list[list[Any]]) -> None:
        columns = self.header_map(sheet.name, rows, sheet.headers)
        by_header = {c.header: c for c in sheet.columns}
        seen: dict[URIRef, int] = {}
        for number, row in enumerate(rows[1:], start=2):
            cells = {
                columns[i]: Cell(cell_text(v), v, f"{sheet.name}!{_column(i + 1)}{number}")
                for i, v in enumerate(row)
                if i in columns and cell_text(v)
            }
            if not cells:
                continue
            subject = self.subject(sheet, cells, number)
            if subject is None:
                continue
            if subject in seen:
                self.problem(
                    f"{sheet.name}!A{number}",
                    f"ID {ref_text(subject, self.base, sheet.path)!r} is already used on row "
                    f"{seen[subject]}: give each row its own ID",
                )
                continue
            seen[subject] = number
            self.result.origins[subject] = f"{sheet.name}!{number}"
            self.types(sheet, subject, cells.get("Typ"), f"{sheet.name}!A{number}")
            for p, o in sheet.constants:
                self.add((subject, p, o), f"{sheet.name}!{number}")
            nodes: dict[tuple[Step, ...], BNode] = {}
            for header, cell in cells.items():
                if header in by_header:
                    self.value(subject, by_header[header], cell, nodes)

    def subject(self, sheet: Sheet, cells: dict[str, Cell], number: int) -> URIRef | None:
        """The row's IRI: from its ID, else minted from its Swedish name, from nothing else."""
        address = f"{sheet.name}!A{number}"
        if "ID" in cells:
            text = cells["ID"].text
            try:
                return parse_ref(text, self.base, sheet.path)
            except ValueError:
                self.problem(address, f"{text!r} is not an ID: use a-z, 0-9 and '-'")
                return None
        name = sheet.name_column
        if name is not None and name.header in cells and slug(cells[name.header].text):
            return URIRef(self.base + sheet.path + slug(cells[name.header].text))
        needs = f"an ID or a name in {name.header!r} to mint one from" if name else "an ID"
        self.problem(address, f"a row needs {needs}")
        return None

    def types(self, sheet: Sheet, subject: URIRef, cell: Cell | None, at: str) -> None:
        if cell is None:
            self.add((subject, RDF.type, next(iter(sheet.types.values()))), at)
            return
        for word in (w.strip() for w in cell.text.split(",") if w.strip()):
            found = sheet.types.get(word.casefold())
            if found is None:
                known = ", ".join(sheet.types)
                self.problem(
                    cell.address, f"{word!r} is not a type of this sheet (use one of: {known})"
                )
            else:
                self.add((subject, RDF.type, found), cell.address)

    def value(
        self, subject: URIRef, column: Column, cell: Cell, nodes: dict[tuple[Step, ...], BNode]
    ) -> None:
        chain = [column.via[:depth] for depth in range(1, len(column.via) + 1)]
        target: Node = subject
        if chain:
            target = nodes.get(chain[-1]) or BNode()
        try:
            triples = CODECS[column.kind].read(target, column, cell, self.base)
        except CellProblem as error:
            self.problem(cell.address, str(error))
            return
        # the unnamed nodes on the way only once a cell says something of them
        parent: Node = subject
        for steps in chain:
            if steps not in nodes:
                node = target if steps == chain[-1] else BNode()
                assert isinstance(node, BNode)
                nodes[steps] = node
                self.result.steps[node] = steps
                self.result.origins[node] = self.result.origins[subject]
                step = steps[-1]
                self.add((parent, step.predicate, node), cell.address)
                self.add((node, RDF.type, step.cls), cell.address)
                for p, o in step.constants:
                    self.add((node, p, o), cell.address)
            parent = nodes[steps]
        for triple in triples:
            self.add(triple, cell.address)
            if triple[:2] != (target, column.predicate):
                continue
            for implied in column.implies:
                obj = implied_value(implied, triple[2])
                self.add((subject, implied.predicate, obj), cell.address)
            if column.value_class is not None:
                self.classed.append((triple[2], column.value_class, cell.address))

    def give_classes(self) -> None:
        """The classes columns give their values (prov:Agent: who signed), where the
        workbook has the value's own row: a resource another file describes is left as it
        is there."""
        for value, cls, cell in self.classed:
            row = self.result.origins.get(value)
            if row is not None and not row.startswith(OTHER):
                self.add((value, RDF.type, cls), cell)

    def node(self, text: str, address: str) -> Node | None:
        if text.startswith("_:"):
            return self.blanks.setdefault(text, BNode())
        try:
            return parse_ref(text, self.base)
        except ValueError:
            self.problem(address, f"{text!r} is not a resource: write its ID path or '_:name'")
            return None

    def other(self, rows: list[list[Any]]) -> None:
        columns = self.header_map(OTHER, rows, OTHER_HEADERS)
        for number, row in enumerate(rows[1:], start=2):
            cells = {columns[i]: cell_text(v) for i, v in enumerate(row) if i in columns}
            if not any(cells.values()):
                continue
            address = f"{OTHER}!A{number}"
            subject = self.node(cells.get("Resurs", ""), address)
            try:
                predicate = parse_ref(cells.get("Egenskap", ""), self.base)
            except ValueError:
                self.problem(
                    f"{OTHER}!B{number}", "write the property as a prefixed name, e.g. skos:note"
                )
                continue
            kind, value = cells.get("Typ av värde", ""), cells.get("Värde", "")
            obj = self.object(kind, value, f"{OTHER}!C{number}", f"{OTHER}!D{number}")
            if subject is not None and obj is not None:
                self.add((subject, predicate, obj), f"{OTHER}!{number}")
                if isinstance(subject, URIRef):
                    self.result.origins.setdefault(subject, f"{OTHER}!{number}")

    def object(self, kind: str, value: str, at: str, kind_at: str) -> Node | None:
        if kind == "iri":
            return self.node(value, at)
        if kind == "blank":
            return self.blanks.setdefault(
                value if value.startswith("_:") else f"_:{value}", BNode()
            )
        if not kind:
            return Literal(value)
        if ":" in kind or "/" in kind:
            try:
                return Literal(value, datatype=parse_ref(kind, self.base))
            except ValueError:
                pass
        elif _LANGUAGE.fullmatch(kind):
            return Literal(value, lang=kind)
        self.problem(
            kind_at, f"{kind!r}: write a language (sv), iri, blank or a datatype (xsd:date)"
        )
        return None


def tables_to_graph(tables: Tables, base: str = BASE) -> Imported:
    """The graph a filled template gives; raises :class:`TemplateError` listing each problem."""
    imported, problems = read_leniently(tables, base)
    if problems:
        raise TemplateError(problems)
    return imported


def read_leniently(tables: Tables, base: str = BASE) -> tuple[Imported, list[str]]:
    """The graph of every readable row and cell, and a line for each cell that is not."""
    reader = _Reader(base)
    known = {sheet.name for sheet in SHEETS} | {OTHER, NOTES}
    for name in tables:
        if name not in known:
            reader.problem(
                name, f"unknown sheet (the template's sheets: {', '.join(sorted(known))})"
            )
    for sheet in SHEETS:
        if sheet.name in tables:
            reader.sheet(sheet, tables[sheet.name])
    if OTHER in tables:
        reader.other(tables[OTHER])
    reader.give_classes()
    return reader.result, reader.problems


def implied_value(implied: Implied, value: Node) -> Node:
    """The object of an implied statement: the value, or its record's IRI."""
    return URIRef(implied.namespace + str(value)) if implied.namespace else value


# ---------------------------------------------------------------- export


def _sorted(nodes: Iterable[Node]) -> list[Node]:
    return sorted(nodes, key=lambda n: (type(n).__name__, str(n), repr(n)))


class _Writer:
    def __init__(self, graph: Graph, base: str) -> None:
        self.graph = graph
        self.base = base
        self.writing = Writing(graph, base)

    @property
    def used(self) -> set[Triple]:
        return self.writing.used

    def sheet_of(self, subject: Node) -> Sheet | None:
        classes = set(self.graph.objects(subject, RDF.type))
        return next(
            (
                s
                for s in SHEETS
                if classes & set(s.types.values())
                and all((subject, p, o) in self.graph for p, o in s.constants)
            ),
            None,
        )

    def row(self, sheet: Sheet, subject: URIRef) -> list[str]:
        """The row of ``subject``; unnamed nodes between it and a column's property only if
        the row holds them whole (else they stay, statement by statement, for Övrigt)."""
        before = set(self.used)
        cells, nodes = self._row(sheet, subject, follow=True)
        if all(set(self.graph.triples((n, None, None))) <= self.used for n in nodes):
            return cells
        self.writing.used = before
        return self._row(sheet, subject, follow=False)[0]

    def _row(self, sheet: Sheet, subject: URIRef, follow: bool) -> tuple[list[str], set[Node]]:
        g = self.graph
        cells = [ref_text(subject, self.base, sheet.path)]
        if sheet.type_column:
            words = [w for w, c in sheet.types.items() if (subject, RDF.type, c) in g]
            self.used.update((subject, RDF.type, sheet.types[w]) for w in words)
            cells.append(", ".join(words))
        else:
            self.used.add((subject, RDF.type, next(iter(sheet.types.values()))))
        self.used.update((subject, p, o) for p, o in sheet.constants)
        nodes: set[Node] = set()
        for column in sheet.columns:
            target = self.follow(subject, column.via, nodes) if follow or not column.via else None
            if target is None:
                cells.append("")
                continue
            p = column.predicate
            objects = [
                o
                for o in _sorted(g.objects(target, p))
                if (target, p, o) not in self.used
                and all(t in g for t in self.implied(subject, column, o))
            ]
            cells.append(CODECS[column.kind].write(target, column, objects, self.writing))
            for o in objects:
                if (target, p, o) in self.used:
                    self.used.update(self.implied(subject, column, o))
        return cells, nodes

    def implied(self, subject: Node, column: Column, value: Node) -> set[Triple]:
        """What the import adds beside ``value`` in ``column``: a column holds the value
        only if the graph says all of it (else it goes, statement by statement, in Övrigt)."""
        found: set[Triple] = {
            (subject, i.predicate, implied_value(i, value)) for i in column.implies
        }
        if column.value_class is not None and self.sheet_of(value) is not None:
            found.add((value, RDF.type, column.value_class))
        return found

    def follow(self, subject: Node, via: tuple[Step, ...], nodes: set[Node]) -> Node | None:
        """The unnamed node ``via`` leads to from ``subject`` (one of each step's class)."""
        node = subject
        for step in via:
            found = [
                o
                for o in _sorted(self.graph.objects(node, step.predicate))
                if isinstance(o, BNode)
                and (o, RDF.type, step.cls) in self.graph
                and all((o, p, v) in self.graph for p, v in step.constants)
                and self.writing.only_user(o)
            ]
            if not found:
                return None
            self.used.update([(node, step.predicate, found[0]), (found[0], RDF.type, step.cls)])
            self.used.update((found[0], p, v) for p, v in step.constants)
            node = found[0]
            nodes.add(node)
        return node

    def other_rows(self) -> list[list[str]]:
        rest = [t for t in self.graph if t not in self.used]
        blanks = sorted({n for t in rest for n in t if isinstance(n, BNode)}, key=str)
        names = {b: f"_:b{i}" for i, b in enumerate(blanks, start=1)}

        def node_text(node: Node) -> str:
            return names[node] if isinstance(node, BNode) else ref_text(node, self.base)

        rows = []
        for s, p, o in rest:
            if isinstance(o, Literal):
                kind = o.language or (
                    compact_iri(str(o.datatype), strict=True) if o.datatype else ""
                )
                value = str(o)
            else:
                kind, value = ("blank" if isinstance(o, BNode) else "iri"), node_text(o)
            rows.append([node_text(s), compact_iri(str(p), strict=True), value, kind])
        return sorted(rows)


def graph_to_tables(graph: Graph, base: str = BASE) -> Tables:
    """``graph`` in the template's sheets (blank nodes canonicalised: the output is stable)."""
    canonical = Graph()
    for triple in canonical_graph(graph):
        canonical.add(triple)
    writer = _Writer(canonical, base)
    tables = empty_tables()
    subjects = _sorted({s for s in canonical.subjects() if isinstance(s, URIRef)})
    for subject in subjects:
        sheet = writer.sheet_of(subject)
        if sheet is not None:
            assert isinstance(subject, URIRef)
            tables[sheet.name].append(writer.row(sheet, subject))
    tables[OTHER] += writer.other_rows()
    return tables


__all__ = ["PREFIXES", "Imported", "TemplateError", "graph_to_tables", "slug", "tables_to_graph"]
