"""Read RDF files (any common syntax, chosen by extension) into an rdflib Dataset.

Syntax errors become :class:`RdfSyntaxError` with the file and line, so that the CLI and the
service can say what is wrong and where instead of showing a traceback.
"""

import json
import xml.sax
from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.parsers.notation3 import BadSyntax

from ..errors import FileError
from ..formats import RDF_FILES, Format, rdf_file_format
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


def _line_of(error: Exception, text: str, fmt: str) -> int | None:
    if isinstance(error, BadSyntax):
        return int(error.lines or 0) + 1  # rdflib counts newlines before the error
    if isinstance(error, json.JSONDecodeError):
        return error.lineno
    if isinstance(error, xml.sax.SAXParseException):
        return error.getLineNumber() or None
    if fmt in ("nt", "nquads"):  # line-based: the first line that fails on its own
        for number, line in enumerate(text.splitlines(), start=1):
            try:
                Dataset().parse(data=line, format=fmt)
            except Exception:
                return number
    return None


def parse_into(dataset: Dataset, path: Path, graph: URIRef | None = None) -> None:
    """Parse one file into ``dataset`` (into ``graph`` if given, else its default graph)."""
    syntax = rdf_format(path)
    fmt = syntax.parser
    assert fmt is not None
    try:  # the one place a file's bytes are read: hostile input is refused here
        text = read_rdf(path, syntax)
    except InputRefused as error:
        raise RdfSyntaxError(path, error.line, error.message) from None
    target: Graph | Dataset
    if graph is not None:
        target = dataset.graph(graph)
    elif syntax.holds_datasets:
        target = dataset
    else:
        target = dataset.default_graph
    try:
        if fmt == "nquads":
            # rdflib's N-Quads parser empties the default graph of the dataset it parses
            # into, so N-Quads go through a scratch dataset of their own.
            scratch = Dataset()
            scratch.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
            for s, p, o, g in scratch.quads((None, None, None, None)):
                name = getattr(g, "identifier", g)
                into = target if graph is not None or name == DATASET_DEFAULT_GRAPH_ID else None
                (into if into is not None else dataset.graph(name)).add((s, p, o))
        else:
            target.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as error:  # rdflib raises many types; all mean "not valid RDF here"
        why = getattr(error, "_why", None) or str(error) or repr(error)
        line = _line_of(error, text, fmt)
        if isinstance(error, IndexError):  # rdflib's Turtle parser runs off the end
            why, line = "unexpected end of input (unfinished statement?)", len(text.splitlines())
        if isinstance(error, AssertionError) and " at ^ in " in why:  # rdflib: "... at ^ in ctx"
            why, _, context = why.partition(" at ^ in ")
            before, _, after = context.partition("^")
            found = text.find(before + after)
            line = text.count("\n", 0, found + len(before)) + 1 if found >= 0 else None
        # Parsers that fail at end of input may count one line past the last one.
        last = max(1, len(text.splitlines()))
        raise RdfSyntaxError(path, min(line, last) if line else None, why) from error


def load_files(paths: Iterable[Path], named: Mapping[str, Path] | None = None) -> Dataset:
    """Load files into one Dataset: ``paths`` into the default graph, ``named`` by graph IRI."""
    dataset = Dataset()
    jobs: list[tuple[Path, URIRef | None]] = [(Path(p), None) for p in paths]
    jobs += [(Path(p), URIRef(iri)) for iri, p in (named or {}).items()]
    for path, graph in jobs:
        parse_into(dataset, path, graph)
    return dataset


def load_graph(paths: Iterable[Path]) -> Graph:
    """Load files into a single Graph (for validation and tests)."""
    dataset = load_files(paths)
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph
