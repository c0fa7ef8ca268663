"""Rows of the template ↔ RDF in the project's ontology.

``tables_to_graph`` reads filled sheets into a graph and remembers which sheet, row and cell
each resource and statement came from; ``graph_to_tables`` writes a graph back into the
sheets. Both follow :mod:`.template`; whatever no column holds travels in ``Övrigt``.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from ..namespaces import BASE, ORG, PREFIXES, QUERY_PREFIXES, RDF, SCHEMA, SKG, compact_iri
from .phrases import (
    PhraseError,
    date_description,
    format_sdgs,
    parse_date,
    parse_sdgs,
    phrase_of,
    sdg_iri,
    sdg_number,
)
from .template import OTHER, OTHER_HEADERS, SHEETS, Column, Sheet
from .workbook import Tables, empty_tables

Triple = tuple[Node, Node, Node]
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")
_SLUG_PART = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _column(number: int) -> str:
    """A spreadsheet column's letters (1 → A). openpyxl is imported here, not at start-up:
    every command and the app import this module, few of them read a workbook."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(number))


def slug(text: str) -> str:
    """An IRI's last part from a name, as the curated data writes them: "Hållbar välfärd" →
    "hallbar-valfard" (lower case ASCII, words joined by '-')."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in plain if not unicodedata.combining(c)).encode("ascii", "ignore")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.decode()))


@dataclass
class Imported:
    """The graph a template gives, and where each resource and statement came from."""

    graph: Graph
    #: resource → "Projekt!7" (its row)
    origins: dict[Node, str] = field(default_factory=dict)
    #: statement → "Projekt!F7" (its cell)
    cells: dict[Triple, str] = field(default_factory=dict)


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


# ---------------------------------------------------------------- references


def ref_text(node: Node, base: str, path: str = "") -> str:
    """How a cell names a resource: a bare name under the column's path, a path under the
    base ("unit/lk-x"), a prefixed name ("sdg:5") or the whole IRI."""
    text = str(node)
    if "://" in path and text.startswith(path) and _SLUG_PART.fullmatch(text[len(path) :]):
        return text[len(path) :]
    if text.startswith(base):
        rest = text[len(base) :]
        if path and rest.startswith(path) and _SLUG_PART.fullmatch(rest[len(path) :]):
            return rest[len(path) :]
        if rest and ":" not in rest and " " not in rest and "," not in rest:
            return rest
    compact = compact_iri(text, strict=True)
    return compact if compact != text and not compact.startswith("id:") else text


def parse_ref(text: str, base: str, path: str = "") -> URIRef:
    """The IRI a cell names (see :func:`ref_text`); raises ValueError if it names none."""
    if not text or any(c.isspace() for c in text) or any(c in text for c in '<>"{}|\\^`'):
        raise ValueError(text)
    if "://" in text or text.startswith("urn:"):
        return URIRef(text)
    prefix, colon, local = text.partition(":")
    if colon:
        if prefix in QUERY_PREFIXES and prefix != "id":
            return URIRef(QUERY_PREFIXES[prefix] + local)
        if prefix == "id":
            return URIRef(base + local)
        raise ValueError(text)
    if "/" in text:
        return URIRef(base + text)
    return URIRef((path if "://" in path else base + path) + text)


# ---------------------------------------------------------------- import


class _Reader:
    def __init__(self, base: str) -> None:
        self.base = base
        self.result = Imported(Graph())
        self.problems: list[str] = []
        self.blanks: dict[str, BNode] = {}

    def add(self, triple: Triple, cell: str) -> None:
        self.result.graph.add(triple)
        self.result.cells.setdefault(triple, cell)

    def problem(self, cell: str, message: str) -> None:
        self.problems.append(f"{cell}: {message}")

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
        return columns

    def sheet(self, sheet: Sheet, rows: list[list[Any]]) -> None:
        columns = self.header_map(sheet.name, rows, sheet.headers)
        by_header = {c.header: c for c in sheet.columns}
        seen: dict[URIRef, int] = {}
        for number, row in enumerate(rows[1:], start=2):
            cells = {
                columns[i]: (cell_text(v), v, f"{sheet.name}!{_column(i + 1)}{number}")
                for i, v in enumerate(row)
                if i in columns and cell_text(v)
            }
            if not cells:
                continue
            subject = self.subject(sheet, cells, number, by_header)
            if subject is None:
                continue
            if subject in seen:
                self.problem(
                    f"{sheet.name}!A{number}",
                    f"ID {ref_text(subject, self.base, sheet.path)!r} is already used on row "
                    f"{seen[subject]}",
                )
                continue
            seen[subject] = number
            self.result.origins[subject] = f"{sheet.name}!{number}"
            self.types(sheet, subject, cells.get("Typ"), f"{sheet.name}!A{number}")
            for header, (text, raw, address) in cells.items():
                if header in by_header:
                    self.value(subject, by_header[header], text, raw, address)

    def subject(
        self,
        sheet: Sheet,
        cells: dict[str, tuple[str, Any, str]],
        number: int,
        by_header: dict[str, Column],
    ) -> URIRef | None:
        address = f"{sheet.name}!A{number}"
        if "ID" in cells:
            text = cells["ID"][0]
            try:
                return parse_ref(text, self.base, sheet.path)
            except ValueError:
                self.problem(address, f"{text!r} is not an ID: use a-z, 0-9 and '-'")
                return None
        name = next(
            (cells[h][0] for h, c in by_header.items() if h in cells and c.lang == "sv"), None
        )
        if name and slug(name):
            return URIRef(self.base + sheet.path + slug(name))
        self.problem(address, "a row needs an ID or a Swedish name to mint one from")
        return None

    def types(
        self, sheet: Sheet, subject: URIRef, cell: tuple[str, Any, str] | None, at: str
    ) -> None:
        if cell is None:
            self.add((subject, RDF.type, next(iter(sheet.types.values()))), at)
            return
        text, _, address = cell
        for word in (w.strip() for w in text.split(",") if w.strip()):
            found = sheet.types.get(word.casefold())
            if found is None:
                known = ", ".join(sheet.types)
                self.problem(address, f"{word!r} is not a type of this sheet (use one of: {known})")
            else:
                self.add((subject, RDF.type, found), address)

    def value(self, subject: URIRef, column: Column, text: str, raw: Any, address: str) -> None:
        p = column.predicate
        if column.kind == "text":
            self.add((subject, p, Literal(text, lang=column.lang)), address)
        elif column.kind == "value":
            self.add((subject, p, Literal(text, datatype=column.datatype)), address)
        elif column.kind == "refs":
            for part in (w.strip() for w in text.split(",") if w.strip()):
                try:
                    self.add((subject, p, parse_ref(part, self.base, column.path)), address)
                except ValueError:
                    self.problem(
                        address,
                        f"{part!r} is not an ID: write IDs separated by commas, "
                        f"e.g. '{column.path}name' or 'name'",
                    )
        elif column.kind == "sdgs":
            try:
                for number in parse_sdgs(raw):
                    self.add((subject, p, sdg_iri(number)), address)
            except PhraseError as error:
                self.problem(address, str(error))
        elif column.kind == "date":
            try:
                phrase = parse_date(raw)
            except PhraseError as error:
                self.problem(address, str(error))
                return
            node = BNode()
            self.add((subject, p, node), address)
            described = Graph()
            date_description(described, phrase, node)
            for triple in described:
                self.add(triple, address)
        elif column.kind == "place":
            node = BNode()
            self.add((subject, p, node), address)
            self.add((node, RDF.type, SCHEMA.Place), address)
            self.add((node, SCHEMA.name, Literal(text)), address)

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
    reader = _Reader(base)
    known = {sheet.name for sheet in SHEETS} | {OTHER}
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
    if reader.problems:
        raise TemplateError(reader.problems)
    return reader.result


# ---------------------------------------------------------------- export


def _university_side(graph: Graph, node: Node) -> bool:
    """Whether ``node`` is a university or (through org:unitOf) one of its units."""
    seen: set[Node] = set()
    while node not in seen:
        seen.add(node)
        if (node, RDF.type, SKG.University) in graph:
            return True
        parent = graph.value(node, ORG.unitOf)
        if parent is None:
            return False
        node = parent
    return False


def _sorted(nodes: Iterable[Node]) -> list[Node]:
    return sorted(nodes, key=lambda n: (type(n).__name__, str(n), repr(n)))


class _Writer:
    def __init__(self, graph: Graph, base: str) -> None:
        self.graph = graph
        self.base = base
        self.used: set[Triple] = set()

    def sheet_of(self, subject: Node) -> Sheet | None:
        classes = set(self.graph.objects(subject, RDF.type))
        return next((s for s in SHEETS if classes & set(s.types.values())), None)

    def row(self, sheet: Sheet, subject: URIRef) -> list[str]:
        g = self.graph
        cells = [ref_text(subject, self.base, sheet.path)]
        if sheet.type_column:
            words = [w for w, c in sheet.types.items() if (subject, RDF.type, c) in g]
            self.used |= {(subject, RDF.type, sheet.types[w]) for w in words}
            cells.append(", ".join(words))
        else:
            self.used.add((subject, RDF.type, next(iter(sheet.types.values()))))
        for column in sheet.columns:
            cells.append(self.cell(subject, column))
        return cells

    def cell(self, subject: URIRef, column: Column) -> str:
        p = column.predicate
        objects = [
            o for o in _sorted(self.graph.objects(subject, p)) if (subject, p, o) not in self.used
        ]
        if column.kind in ("text", "value"):
            for o in objects:
                fits = (
                    isinstance(o, Literal)
                    and o.language == column.lang
                    and o.datatype == column.datatype
                    and "\n" not in str(o).strip("\n")
                ) or False
                if fits and str(o) == str(o).strip() and str(o):
                    self.used.add((subject, p, o))
                    return str(o)
            return ""
        if column.kind == "refs":
            refs = [o for o in objects if isinstance(o, URIRef)]
            if column.side is not None:
                refs = [
                    o
                    for o in refs
                    if _university_side(self.graph, o) == (column.side == "university")
                ]
            texts = [ref_text(o, self.base, column.path) for o in refs]
            chosen = [(o, t) for o, t in zip(refs, texts, strict=True) if "," not in t]
            self.used |= {(subject, p, o) for o, _ in chosen}
            return ", ".join(t for _, t in chosen)
        if column.kind == "sdgs":
            numbers = {o: sdg_number(o) for o in objects}
            found = [(o, n) for o, n in numbers.items() if n is not None]
            self.used |= {(subject, p, o) for o, _ in found}
            return format_sdgs([n for _, n in found])
        if column.kind == "date":
            for o in objects:
                phrase = phrase_of(self.graph, o)
                if phrase is not None and len(set(self.graph.subjects(None, o))) == 1:
                    self.used.add((subject, p, o))
                    self.used |= {(o, q, v) for q, v in self.graph.predicate_objects(o)}
                    return phrase
            return ""
        if column.kind == "place":
            for o in objects:
                statements = set(self.graph.predicate_objects(o))
                names = [v for q, v in statements if q == SCHEMA.name]
                name = names[0] if len(names) == 1 else None
                plain = isinstance(name, Literal) and not name.language and not name.datatype
                if (
                    isinstance(o, BNode)
                    and plain
                    and statements == {(RDF.type, SCHEMA.Place), (SCHEMA.name, names[0])}
                    and len(set(self.graph.subjects(None, o))) == 1
                    and str(names[0]) == str(names[0]).strip()
                ):
                    self.used.add((subject, p, o))
                    self.used |= {(o, q, v) for q, v in statements}
                    return str(names[0])
            return ""
        raise AssertionError(column.kind)

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
    for triple in to_canonical_graph(graph):
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
