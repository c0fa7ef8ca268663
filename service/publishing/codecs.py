"""One codec per kind of spreadsheet cell: how a cell is read into statements and how
statements are written back into a cell, side by side.

A codec's ``read`` gives the statements one cell says about its row's resource (raising
:class:`CellProblem` with what to write instead); its ``write`` picks, among the objects the
graph has for the column's property, those the cell can hold, marks the statements it used
and gives the cell's text. ``hint`` is what docs/template.md says to write.
"""

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..namespaces import ORG, RDF, SCHEMA, SKG
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
from .references import parse_ref, ref_text
from .template import ROR, WIKIDATA, Column

Triple = tuple[Node, Node, Node]


class CellProblem(ValueError):
    """A cell the codec cannot read; the message says what is wrong and what to write."""


@dataclass(frozen=True)
class Cell:
    """A non-empty cell: its text, the value the spreadsheet stored, and its place."""

    text: str
    raw: Any
    address: str


@dataclass
class Writing:
    """What a codec writes from: the (canonical) graph, the base IRI, the statements used."""

    graph: Graph
    base: str
    used: set[Triple] = field(default_factory=set)

    def only_user(self, node: Node) -> bool:
        """Whether one statement alone points at ``node`` (so a cell may hold it whole)."""
        return len(set(self.graph.subjects(None, node))) == 1

    def take(self, subject: Node, column: Column, objects: list[Node]) -> None:
        self.used |= {(subject, column.predicate, o) for o in objects}


class Codec(Protocol):
    hint: str

    def read(self, subject: Node, column: Column, cell: Cell, base: str) -> list[Triple]: ...

    def write(
        self, subject: Node, column: Column, objects: list[Node], writing: Writing
    ) -> str: ...


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.split(",") if w.strip()]


class TextCodec:
    """Text in the column's language (or a plain/typed value): one literal, one line."""

    hint = "text in the column's language"

    def read(self, subject: Node, column: Column, cell: Cell, base: str) -> list[Triple]:
        literal = Literal(cell.text, lang=column.lang, datatype=column.datatype)
        return [(subject, column.predicate, literal)]

    def write(self, subject: Node, column: Column, objects: list[Node], writing: Writing) -> str:
        for o in objects:
            if (
                isinstance(o, Literal)
                and o.language == column.lang
                and o.datatype == column.datatype
                and "\n" not in str(o).strip("\n")
                and str(o)
                and str(o) == str(o).strip()
            ):
                writing.take(subject, column, [o])
                return str(o)
        return ""


class ValueCodec(TextCodec):
    hint = "a value"


class RefsCodec:
    """IDs of other resources, separated by commas (see :mod:`.references`)."""

    hint = "IDs, separated by commas"

    def read(self, subject: Node, column: Column, cell: Cell, base: str) -> list[Triple]:
        found: list[Triple] = []
        bad: list[str] = []
        for part in _words(cell.text):
            try:
                found.append((subject, column.predicate, parse_ref(part, base, column.path)))
            except ValueError:
                bad.append(part)
        if bad:
            example = column.path if "://" not in column.path else ""
            raise CellProblem(
                f"{', '.join(map(repr, bad))} is not an ID: write IDs (a-z, 0-9 and '-') "
                f"separated by commas, e.g. '{example}name' or 'name'"
            )
        return found

    def write(self, subject: Node, column: Column, objects: list[Node], writing: Writing) -> str:
        refs = [o for o in objects if isinstance(o, URIRef)]
        if column.side is not None:
            university = column.side == "university"
            refs = [o for o in refs if _university_side(writing.graph, o) == university]
        chosen = [(o, ref_text(o, writing.base, column.path)) for o in refs]
        chosen = [(o, t) for o, t in chosen if "," not in t]
        writing.take(subject, column, [o for o, _ in chosen])
        return ", ".join(t for _, t in chosen)


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


class SdgsCodec:
    """Global goals as their numbers: "5, 7, 11, 17"."""

    hint = "goal numbers, e.g. `5, 7, 11, 17`"

    def read(self, subject: Node, column: Column, cell: Cell, base: str) -> list[Triple]:
        try:
            return [(subject, column.predicate, sdg_iri(n)) for n in parse_sdgs(cell.raw)]
        except PhraseError as error:
            raise CellProblem(str(error)) from None

    def write(self, subject: Node, column: Column, objects: list[Node], writing: Writing) -> str:
        stated = [o for o in objects if reading_of(writing.graph, subject, column, o) is None]
        return self.numbers(subject, column, stated, writing)

    @staticmethod
    def numbers(subject: Node, column: Column, objects: list[Node], writing: Writing) -> str:
        found = [(o, n) for o in objects if (n := sdg_number(o)) is not None]
        writing.take(subject, column, [o for o, _ in found])
        return format_sdgs([n for _, n in found])


class ReadingCodec(SdgsCodec):
    """Global goals that are the coordinator's reading, not the source's words: each goal's
    statement and, beside it, the statement reified as a skg:CoordinatorReading (a claim,
    as the curators' claims are kept)."""

    hint = "goal numbers, e.g. `3, 11`"

    def read(self, subject: Node, column: Column, cell: Cell, base: str) -> list[Triple]:
        triples = super().read(subject, column, cell, base)
        for s, p, o in list(triples):
            claim = BNode()
            triples += [
                (claim, RDF.type, SKG.CoordinatorReading),
                (claim, RDF.subject, s),
                (claim, RDF.predicate, p),
                (claim, RDF.object, o),
            ]
        return triples

    def write(self, subject: Node, column: Column, objects: list[Node], writing: Writing) -> str:
        claims = {o: reading_of(writing.graph, subject, column, o) for o in objects}
        text = self.numbers(subject, column, [o for o, c in claims.items() if c], writing)
        for o, claim in claims.items():
            if claim is not None and (subject, column.predicate, o) in writing.used:
                writing.used |= {(claim, q, v) for q, v in writing.graph.predicate_objects(claim)}
        return text


def reading_of(graph: Graph, subject: Node, column: Column, obj: Node) -> Node | None:
    """The bare skg:CoordinatorReading of a statement, if the graph has one."""
    for claim in graph.subjects(RDF.object, obj):
        if isinstance(claim, BNode) and set(graph.predicate_objects(claim)) == {
            (RDF.type, SKG.CoordinatorReading),
            (RDF.subject, subject),
            (RDF.predicate, column.predicate),
            (RDF.object, obj),
        }:
            return claim
    return None


#: Words for a validity with no end, which people write where the end date would go.
_OPEN_ENDED = re.compile(r"tills? vidare|until (further notice|terminated)|uppsägning", re.I)


class DateCodec:
    """A date as written, at the precision of its words (an OWL-Time description)."""

    hint = "a date as written"

    def read(self, subject: Node, column: Column, cell: Cell, base: str) -> list[Triple]:
        try:
            phrase = parse_date(cell.raw)
        except PhraseError as error:
            if _OPEN_ENDED.search(cell.text):
                raise CellProblem(
                    f"{cell.text!r} is not a date but a validity with no end: leave this cell "
                    'empty and write the source\'s words in the column "Gäller tills vidare"'
                ) from None
            raise CellProblem(str(error)) from None
        node = BNode()
        described = Graph()
        date_description(described, phrase, node)
        return [(subject, column.predicate, node), *described]

    def write(self, subject: Node, column: Column, objects: list[Node], writing: Writing) -> str:
        for o in objects:
            phrase = phrase_of(writing.graph, o)
            if phrase is not None and writing.only_user(o):
                writing.take(subject, column, [o])
                writing.used |= {(o, q, v) for q, v in writing.graph.predicate_objects(o)}
                return phrase
        return ""


class PlaceCodec:
    """A place's name: an unnamed schema:Place with that schema:name."""

    hint = "a place's name (becomes a `schema:Place`)"

    def read(self, subject: Node, column: Column, cell: Cell, base: str) -> list[Triple]:
        node = BNode()
        return [
            (subject, column.predicate, node),
            (node, RDF.type, SCHEMA.Place),
            (node, SCHEMA.name, Literal(cell.text)),
        ]

    def write(self, subject: Node, column: Column, objects: list[Node], writing: Writing) -> str:
        for o in objects:
            statements = set(writing.graph.predicate_objects(o))
            names = [v for q, v in statements if q == SCHEMA.name]
            name = names[0] if len(names) == 1 else None
            if (
                isinstance(o, BNode)
                and isinstance(name, Literal)
                and not name.language
                and not name.datatype
                and statements == {(RDF.type, SCHEMA.Place), (SCHEMA.name, name)}
                and writing.only_user(o)
                and str(name) == str(name).strip()
            ):
                writing.take(subject, column, [o])
                writing.used |= {(o, q, v) for q, v in statements}
                return str(name)
        return ""


class ChoiceCodec:
    """One word of the column's list (a drop-down in the workbook) → its IRI."""

    hint = "one of the words listed"

    def read(self, subject: Node, column: Column, cell: Cell, base: str) -> list[Triple]:
        folded = {word.casefold(): iri for word, iri in column.choices.items()}
        found = folded.get(cell.text.casefold())
        if found is None:
            words = ", ".join(repr(w) for w in column.choices)
            raise CellProblem(f"{cell.text!r} is not one of the choices: write one of {words}")
        return [(subject, column.predicate, found)]

    def write(self, subject: Node, column: Column, objects: list[Node], writing: Writing) -> str:
        words: dict[Node, str] = {iri: word for word, iri in column.choices.items()}
        for o in objects:
            if o in words:
                writing.take(subject, column, [o])
                return words[o]
        return ""


#: Each identifier scheme's form (the shapes check the same) and how to write it.
IDENTIFIER_FORMS: dict[str, tuple[re.Pattern[str], str]] = {
    "Wikidata": (re.compile(r"Q[1-9][0-9]*"), "Q and digits, e.g. Q1234"),
    "ROR": (
        re.compile(r"0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}"),
        "0, six letters or digits and two digits, e.g. 05ynxx418",
    ),
    "organisationsnummer": (re.compile(r"[0-9]{6}-[0-9]{4}"), "NNNNNN-NNNN, e.g. 202100-3096"),
    "kommunkod": (re.compile(r"[0-9]{4}"), "four digits, e.g. 0580"),
    "länskod": (re.compile(r"[0-9]{2}"), "two digits, e.g. 05"),
}
#: The record addresses people copy, read as the bare identifier.
_RECORD_PREFIXES = (WIKIDATA, "https://www.wikidata.org/wiki/", ROR)


def _luhn(digits: str) -> bool:
    """Whether an organisationsnummer's last digit checks (every other digit doubled)."""
    total = 0
    for i, d in enumerate(int(c) for c in digits):
        doubled = d * 2 if i % 2 == 0 else d
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def _identifier_form(scheme: str, text: str) -> bool:
    pattern, _ = IDENTIFIER_FORMS[scheme]
    if not pattern.fullmatch(text):
        return False
    return scheme != "organisationsnummer" or _luhn(text.replace("-", ""))


class IdentifierCodec:
    """An identifier in its scheme (the column's ``scheme``): a plain string checked against
    the scheme's form, or with the column's ``path`` the IRI of its record (Wikidata)."""

    hint = "an identifier"

    def read(self, subject: Node, column: Column, cell: Cell, base: str) -> list[Triple]:
        text = cell.text
        for prefix in _RECORD_PREFIXES:
            text = text.removeprefix(prefix)
        if not _identifier_form(column.scheme, text):
            pattern, form = IDENTIFIER_FORMS[column.scheme]
            problem = f"{cell.text!r} is not a well-formed {column.scheme}: write {form}"
            if pattern.fullmatch(text):  # the form is right, the check digit is not
                problem += " (its last digit does not check: copy it again from the source)"
            if isinstance(cell.raw, (int, float)):
                problem += " (the spreadsheet read it as a number: format the cell as text)"
            raise CellProblem(problem)
        value: Node = URIRef(column.path + text) if column.path else Literal(text)
        return [(subject, column.predicate, value)]

    def write(self, subject: Node, column: Column, objects: list[Node], writing: Writing) -> str:
        for o in objects:
            if column.path:
                text = str(o).removeprefix(column.path)
                fits = isinstance(o, URIRef) and str(o).startswith(column.path)
            else:
                text = str(o)
                fits = isinstance(o, Literal) and not o.language and not o.datatype
            if fits and _identifier_form(column.scheme, text):
                writing.take(subject, column, [o])
                return text
        return ""


class AddressCodec:
    """A web address (http or https): the IRI itself."""

    hint = "a web address (`https://…`)"

    def read(self, subject: Node, column: Column, cell: Cell, base: str) -> list[Triple]:
        text = cell.text
        if not text.startswith(("http://", "https://")) or any(
            c.isspace() or c in '<>"{}|\\^`' for c in text
        ):
            raise CellProblem(f"{text!r} is not a web address: write it as https://…")
        return [(subject, column.predicate, URIRef(text))]

    def write(self, subject: Node, column: Column, objects: list[Node], writing: Writing) -> str:
        for o in objects:
            if isinstance(o, URIRef) and str(o).startswith(("http://", "https://")):
                writing.take(subject, column, [o])
                return str(o)
        return ""


#: The codec of each kind of cell a Column declares.
CODECS: dict[str, Codec] = {
    "text": TextCodec(),
    "value": ValueCodec(),
    "refs": RefsCodec(),
    "sdgs": SdgsCodec(),
    "reading": ReadingCodec(),
    "date": DateCodec(),
    "place": PlaceCodec(),
    "choice": ChoiceCodec(),
    "address": AddressCodec(),
    "identifier": IdentifierCodec(),
}
