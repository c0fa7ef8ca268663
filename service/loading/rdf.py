"""Read RDF files (any common syntax, chosen by extension) once, with pyoxigraph's parsers.

Every file's bytes are read in ONE place, :func:`read_rdf_bytes` (checks on hostile input
hook in there); :func:`parse_file` parses them once into Oxigraph quads, which go straight
into the engine (``bulk_extend``) and, converted, to the validator — no second parse.
Syntax errors become :class:`RdfSyntaxError` with the file and line, so that the CLI and
the service can say what is wrong and where instead of showing a traceback.
"""

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..errors import FileError
from ..formats import RDF_FILES, Format, rdf_file_format
from ..terms import dataset_of, rdflib_quads
from .hostile import InputRefused, read_rdf


class RdfSyntaxError(FileError):
    """A file could not be read as RDF."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        text = message.strip()
        super().__init__(path, line, text.splitlines()[-1] if text else "syntax error")


def rdf_format(path: Path) -> Format:
    """The RDF syntax of a file, by its extension."""
    found = rdf_file_format(path.suffix)
    if found is None:
        known = ", ".join(sorted(RDF_FILES))
        raise RdfSyntaxError(path, None, f"unknown RDF file extension (known: {known})")
    return found


def read_rdf_bytes(path: Path) -> bytes:
    """The bytes of an RDF file: the one place a file is read before it is parsed, and where
    hostile input is refused (size, encoding, DTDs, remote contexts, nesting; see hostile)."""
    try:
        return read_rdf(Path(path), rdf_format(Path(path)))
    except InputRefused as error:
        raise RdfSyntaxError(path, error.line, error.message) from None


# pyoxigraph says "Parser error at line 3 between columns 1 and 5: ..." (or "column 10").
_POSITION = re.compile(
    r"^Parser error at line (\d+)(?: between columns \d+ and \d+| column \d+)?: "
)
#: Errors found at the token after the mistake: the mistake is at the end of what precedes.
_MISSING_END = ("dot is expected", "expected '.'", "expecting '.'")


def _previous_content_line(text: str, line: int) -> int:
    """The last line before ``line`` holding something other than blanks and comments."""
    lines = text.splitlines()
    for number in range(min(line - 1, len(lines)), 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return line


def _xml_line(data: bytes) -> int | None:
    """Where an XML document stops being well formed (pyoxigraph's RDF/XML errors say not)."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        return int(error.lineno)
    return None


def _syntax_error(path: Path, data: bytes, error: SyntaxError, xml: bool) -> RdfSyntaxError:
    message = str(error.msg if error.msg else error)
    match = _POSITION.match(message)
    line = int(match.group(1)) if match else error.lineno
    if line is None and xml:
        line = _xml_line(data)
    if match:
        message = message[match.end() :]
    if line is not None and any(words in message for words in _MISSING_END):
        # The parser notices a missing '.' at the next statement's first token, which may be
        # many lines of comments later; the '.' belongs after the last thing written.
        line = _previous_content_line(data.decode("utf-8", "replace"), line)
    if message.startswith("Parser error"):
        message = message.removeprefix("Parser error").lstrip(": ")
    if "LoadDocumentCallback" in message:  # the parser refuses to fetch a remote @context
        message = (
            "a remote JSON-LD @context is blocked: samverkan-kg never fetches remote "
            "resources (put the context inline)"
        )
    return RdfSyntaxError(path, line, message or "syntax error")


def parse_file(path: Path, graph: str | None = None) -> list[ox.Quad]:
    """The quads of one file, parsed once; into the named ``graph`` if given.

    Blank nodes get fresh names, so two files' ``_:b1`` stay two nodes (as in rdflib).
    """
    syntax = rdf_format(path)
    assert isinstance(syntax.oxigraph, ox.RdfFormat)
    data = read_rdf_bytes(path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RdfSyntaxError(path, line, f"not UTF-8: {error.reason}") from error
    try:
        quads = list(
            ox.parse(
                data,
                syntax.oxigraph,
                base_iri=Path(path).resolve().as_uri(),
                rename_blank_nodes=True,
            )
        )
    except SyntaxError as error:
        xml = syntax.oxigraph == ox.RdfFormat.RDF_XML
        raise _syntax_error(path, data, error, xml) from error
    except (ValueError, OSError) as error:
        raise RdfSyntaxError(path, None, str(error) or type(error).__name__) from error
    if graph is not None:
        target = ox.NamedNode(graph)
        quads = [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]
    return quads


@dataclass(frozen=True)
class ParsedFile:
    """One file's quads, parsed once."""

    path: Path
    quads: list[ox.Quad]


def parse_files(
    paths: Iterable[Path], named: Mapping[str, Path] | None = None
) -> Iterator[ParsedFile]:
    """Parse ``paths`` (into the default graph, unless they name graphs) and ``named`` files."""
    jobs: list[tuple[Path, str | None]] = [(Path(p), None) for p in paths]
    jobs += [(Path(p), iri) for iri, p in (named or {}).items()]
    for path, graph in jobs:
        yield ParsedFile(path, parse_file(path, graph))


def to_dataset(parsed: Iterable[ParsedFile]) -> Dataset:
    """The parsed files as one rdflib Dataset (default graph not the union)."""
    return dataset_of(quads_of(parsed))


def quads_of(parsed: Iterable[ParsedFile]) -> Iterator[ox.Quad]:
    """The parsed files' quads, one file after another (what a store is built from)."""
    for item in parsed:
        yield from item.quads


def load_files(paths: Iterable[Path], named: Mapping[str, Path] | None = None) -> Dataset:
    """Load files into one rdflib Dataset: ``paths`` into the default graph, ``named`` by IRI."""
    return to_dataset(parse_files(paths, named))


def load_graph(paths: Iterable[Path]) -> Graph:
    """Load files into a single Graph (for validation and tests)."""
    graph = Graph()
    for item in parse_files(paths):
        for s, p, o, _ in rdflib_quads(item.quads):
            graph.add((s, p, o))
    return graph
