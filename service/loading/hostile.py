"""Refuse hostile RDF input before any parser sees it: every file's bytes pass through here.

A crafted file must not make a command hang, eat the machine's memory, open a connection or
read a file nobody named. The checks, each in time linear in the file's size:

- **size**: a file over :data:`MAX_FILE_BYTES` is refused before it is read;
- **encoding**: the bytes must be UTF-8 (the line of the first bad byte is named);
- **lines and literals**: no line (and, in JSON-LD, no string) longer than
  :data:`MAX_LINE_BYTES` — a huge literal cannot hide in one line;
- **RDF/XML**: a document with a DTD (``<!DOCTYPE``) is refused, as defusedxml does, so no
  entity can expand ("billion laughs") or name an external file or URL;
- **nesting**: JSON arrays and objects, Turtle/TriG blank nodes and lists, and XML elements
  nested deeper than :data:`MAX_DEPTH` are refused (the parsers recurse: deep enough input
  exhausts the stack, or takes minutes);
- **JSON-LD**: any ``@context`` given by reference (an IRI, remote or ``file:``) and any
  ``@import`` are refused: contexts must be written inline, since nothing is ever fetched.

``owl:imports`` needs no check here: nothing in the service follows it (rdflib does not, and
SHACL validation runs with ``do_owl_imports=False``).
"""

import json
import re
import xml.parsers.expat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from ..errors import FileError
from ..formats import Format

#: Largest RDF file read (bytes).
MAX_FILE_BYTES: Final = 1 << 30
#: Longest line, and longest JSON-LD string, accepted (bytes): no literal is this long.
MAX_LINE_BYTES: Final = 8 << 20
#: Deepest nesting accepted: JSON arrays/objects, Turtle ``[ ]``/``( )``, XML elements.
MAX_DEPTH: Final = 100

#: A JSON string token, or one bracket (outside strings).
_JSON_TOKENS: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_OPENERS: Final = frozenset("[{(")
_CLOSERS: Final = frozenset("]})")
#: A Turtle/TriG token that can hide brackets (strings, IRIs, comments), or one bracket.
_TURTLE_TOKENS: Final = re.compile(
    "|".join(
        (
            r'"""(?:[^"\\]|\\.|"(?!""))*"""',
            r"'''(?:[^'\\]|\\.|'(?!''))*'''",
            r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"',
            r"'[^'\\\n]*(?:\\.[^'\\\n]*)*'",
            r"<[^<>\s]*>",
            r"#[^\n]*",
            r"[\[\]()]",
        )
    )
)


class InputRefused(FileError):
    """A file refused before parsing: too large, not UTF-8, or hostile."""


def read_rdf(path: Path, syntax: Format) -> bytes:
    """The bytes of ``path`` once they have passed every check for ``syntax``."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputRefused(path, None, f"cannot read file: {error.strerror or error}") from None
    if size > MAX_FILE_BYTES:
        too_large = f"file too large ({size} bytes; the limit is {MAX_FILE_BYTES})"
        raise InputRefused(path, None, too_large)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputRefused(path, None, f"cannot read file: {error.strerror or error}") from None
    check_rdf(data, syntax, path)
    return data


def check_rdf(data: bytes, syntax: Format, source: Path) -> str:
    """``data`` as text, if it is safe to give to the parser of ``syntax``; else InputRefused.

    ``source`` names the input in messages (a file, or a name for an uploaded body).
    """
    if len(data) > MAX_FILE_BYTES:
        raise InputRefused(source, None, f"input too large (the limit is {MAX_FILE_BYTES} bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = f"byte 0x{data[error.start]:02x} at offset {error.start}"
        line = _line_at(data, error.start)
        raise InputRefused(source, line, f"not valid UTF-8 ({where})") from None
    # Checks by how the syntax is built (formats.Grammar), so a new syntax gets its family's.
    if syntax.grammar == "json":
        _check_json(text, source)
    else:
        _check_lines(data, source)
    if syntax.grammar == "turtle":
        _check_nesting(text, _TURTLE_TOKENS, source, "Turtle")
    if syntax.grammar == "xml":
        _check_xml(data, source)
    return text


def _line_at(data: bytes | str, offset: int) -> int:
    if isinstance(data, bytes):
        return data.count(b"\n", 0, offset) + 1
    return data.count("\n", 0, offset) + 1


def _check_lines(data: bytes, source: Path, limit: int = MAX_LINE_BYTES) -> None:
    """Refuse a line longer than ``limit`` bytes, in about len(data)/limit steps.

    ``start`` is always the start of a line; if the window of ``limit`` + 1 bytes after it
    holds no newline, that line is too long, else the scan jumps past the window's last one.
    """
    start, size = 0, len(data)
    while size - start > limit:
        newline = data.rfind(b"\n", start, start + limit + 1)
        if newline == -1:
            line = _line_at(data, start)
            raise InputRefused(source, line, f"line longer than {limit} bytes (a huge literal?)")
        start = newline + 1


def _check_xml(data: bytes, source: Path) -> None:
    """Refuse a DTD (and so every entity declaration) before the RDF/XML parser runs."""
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_: object) -> Any:
        raise InputRefused(
            source,
            parser.CurrentLineNumber,
            "XML with a DTD (<!DOCTYPE ...>) is refused: entities could expand without bound "
            "or read files and URLs",
        )

    depth = 0

    def start(*_: object) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise InputRefused(
                source, parser.CurrentLineNumber, f"XML nested deeper than {MAX_DEPTH} levels"
            )

    def end(*_: object) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise InputRefused(source, error.lineno, f"not well-formed XML: {error}") from None


def _check_nesting(text: str, tokens: re.Pattern[str], source: Path, syntax: str) -> None:
    """Refuse brackets nested deeper than MAX_DEPTH, and strings over MAX_LINE_BYTES."""
    depth = 0
    for token in tokens.finditer(text):
        kind = token.group()
        if kind in _OPENERS:
            depth += 1
            if depth > MAX_DEPTH:
                line = _line_at(text, token.start())
                raise InputRefused(source, line, f"{syntax} nested deeper than {MAX_DEPTH} levels")
        elif kind in _CLOSERS:
            depth -= 1
        elif kind[0] in "\"'" and token.end() - token.start() > MAX_LINE_BYTES:
            raise InputRefused(
                source,
                _line_at(text, token.start()),
                f"{syntax} string longer than {MAX_LINE_BYTES} characters (a huge literal?)",
            )


def _check_json(text: str, source: Path) -> None:
    """Refuse deep nesting and huge strings before parsing, then remote contexts after."""
    _check_nesting(text, _JSON_TOKENS, source, "JSON")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputRefused(source, error.lineno, f"not valid JSON: {error.msg}") from None
    except RecursionError:  # the scan above bounds depth; this is a last line of defence
        raise InputRefused(source, None, "JSON nested too deeply") from None
    found = next(_remote_references(document), None)
    if found is not None:
        problem, value = found
        offset = text.find(json.dumps(value, ensure_ascii=False))
        raise InputRefused(source, _line_at(text, offset) if offset >= 0 else None, problem)


def _remote_references(node: Any) -> Iterator[tuple[str, object]]:
    """What in a JSON-LD document would make a processor fetch something."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key == "@context":
                    for context in value if isinstance(value, list) else [value]:
                        if isinstance(context, str):
                            yield (
                                f"@context {context!r} is a reference: contexts are never "
                                "fetched, write the context inline",
                                context,
                            )
                elif key == "@import":
                    yield f"@import {value!r} is refused: contexts are never fetched", value
                stack.append(value)
