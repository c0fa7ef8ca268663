"""THE table of formats: every fact about a syntax the service reads or writes, in one place.

Negotiation, the service description, dumps, resource pages, saved questions, the CLI and
loading all read this table; a new format is one entry here. Media types, extensions and W3C
format IRIs come from pyoxigraph's own ``RdfFormat`` / ``QueryResultsFormat`` where it knows
the format, so the two cannot disagree.
"""

from dataclasses import dataclass
from typing import Final, Literal

import pyoxigraph as ox

#: What a format can carry.
Kind = Literal["solutions", "boolean+solutions", "graph", "dataset", "page", "data", "query"]
#: How a syntax is built, which decides the checks hostile input gets before its parser runs
#: (``loading/hostile.py``): "turtle" — brackets, collections and strings nest as in Turtle
#: (Turtle, TriG, N3: the nesting guard); "lines" — one statement a line (N-Triples,
#: N-Quads); "json" — a JSON document (JSON-LD: depth and string checks); "xml" — an XML
#: document (RDF/XML: no DTD, so no entity expansion).
Grammar = Literal["turtle", "lines", "json", "xml"]
#: The four forms of a SPARQL query.
QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

_W3C: Final = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True, eq=False)  # each format is one object: compared and hashed by identity
class Format:
    """One syntax: its names, its media type and how each library reads or writes it."""

    name: str  # what a person calls it: "Turtle", "SPARQL JSON results"
    media_type: str
    short: str  # the ``?format=`` / ``--format`` name
    aliases: tuple[str, ...] = ()  # other names ``?format=`` accepts
    #: Other media types that ask for this format when it is offered and no format has
    #: them as its own: ``application/json`` gets SPARQL JSON results or JSON-LD, as Fuseki does.
    media_aliases: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()  # file extensions without the dot; the first is written
    kind: Kind = "data"
    rdflib: str | None = None  # rdflib's serializer (and parser, unless ``rdflib_parser``)
    rdflib_parser: str | None = None
    oxigraph: ox.RdfFormat | ox.QueryResultsFormat | None = None
    iri: str | None = None  # the W3C format IRI (service description, VoID)
    grammar: Grammar | None = None  # how the syntax is built (RDF syntaxes say; see Grammar)

    @property
    def extension(self) -> str | None:
        return self.extensions[0] if self.extensions else None

    @property
    def parser(self) -> str | None:
        return self.rdflib_parser or self.rdflib

    @property
    def content_type(self) -> str:
        """The Content-Type header value: text types carry their charset."""
        textual = self.media_type.startswith("text/") or self.media_type in _TEXTUAL
        return f"{self.media_type}; charset=utf-8" if textual else self.media_type

    @property
    def holds_datasets(self) -> bool:
        """Whether the syntax can name graphs (a file in it may hold named graphs)."""
        return isinstance(self.oxigraph, ox.RdfFormat) and self.oxigraph.supports_datasets


def _rdf(
    fmt: ox.RdfFormat,
    short: str,
    rdflib: str,
    *,
    grammar: Grammar,
    aliases: tuple[str, ...] = (),
    more_extensions: tuple[str, ...] = (),
    rdflib_parser: str | None = None,
    iri: str | None = None,
    media_aliases: tuple[str, ...] = (),
) -> Format:
    return Format(
        name=fmt.name,
        media_type=fmt.media_type,
        short=short,
        aliases=aliases,
        media_aliases=media_aliases,
        extensions=(fmt.file_extension, *more_extensions),
        kind="dataset" if fmt.supports_datasets else "graph",
        rdflib=rdflib,
        rdflib_parser=rdflib_parser,
        oxigraph=fmt,
        iri=iri or fmt.iri,
        grammar=grammar,
    )


def _results(
    fmt: ox.QueryResultsFormat,
    short: str,
    rdflib: str | None,
    kind: Kind,
    media_aliases: tuple[str, ...] = (),
) -> Format:
    return Format(
        name=fmt.name,
        media_type=fmt.media_type.split(";")[0],
        short=short,
        aliases=(fmt.file_extension,),
        media_aliases=media_aliases,
        extensions=(fmt.file_extension,),
        kind=kind,
        rdflib=rdflib,
        oxigraph=fmt,
        iri=fmt.iri,
    )


#: Plain ``application/json`` (what many HTTP clients send) names the JSON form of an answer:
#: SPARQL JSON results for SELECT and ASK, JSON-LD for graphs; ``?format=json`` the same.
_PLAIN_JSON: Final = "application/json"
JSON_RESULTS: Final = _results(
    ox.QueryResultsFormat.JSON, "json", "json", "boolean+solutions", (_PLAIN_JSON,)
)
XML_RESULTS: Final = _results(ox.QueryResultsFormat.XML, "xml", "xml", "boolean+solutions")
CSV: Final = _results(ox.QueryResultsFormat.CSV, "csv", "csv", "solutions")
TSV: Final = _results(ox.QueryResultsFormat.TSV, "tsv", None, "solutions")
TURTLE: Final = _rdf(ox.RdfFormat.TURTLE, "ttl", "turtle", aliases=("turtle",), grammar="turtle")
NTRIPLES: Final = _rdf(
    ox.RdfFormat.N_TRIPLES, "nt", "nt11", aliases=("ntriples",), rdflib_parser="nt",
    grammar="lines",
)  # fmt: skip
NQUADS: Final = _rdf(ox.RdfFormat.N_QUADS, "nq", "nquads", aliases=("nquads",), grammar="lines")
TRIG: Final = _rdf(ox.RdfFormat.TRIG, "trig", "trig", grammar="turtle")
# pyoxigraph names JSON-LD by a newer IRI than the one SPARQL service descriptions use.
JSONLD: Final = _rdf(
    ox.RdfFormat.JSON_LD,
    "jsonld",
    "json-ld",
    aliases=("json-ld",),
    more_extensions=("json",),
    iri=_W3C + "JSON-LD",
    media_aliases=(_PLAIN_JSON,),
    grammar="json",
)
RDFXML: Final = _rdf(
    ox.RdfFormat.RDF_XML, "rdf", "xml", aliases=("rdfxml",), more_extensions=("owl", "xml"),
    grammar="xml",
)  # fmt: skip
HTML: Final = Format("HTML", "text/html", "html", extensions=("html",), kind="page")
JSON: Final = Format("JSON", _PLAIN_JSON, "json", extensions=("json",))
TEXT: Final = Format("plain text", "text/plain", "txt", extensions=("txt",))
SPARQL_QUERY: Final = Format(
    "SPARQL query", "application/sparql-query", "rq", aliases=("sparql",), extensions=("rq",),
    kind="query",
)  # fmt: skip

#: Every format, in the order the service prefers them.
FORMATS: Final = (
    JSON_RESULTS, XML_RESULTS, CSV, TSV, TURTLE, NTRIPLES, JSONLD, RDFXML, NQUADS, TRIG,
    HTML, JSON, TEXT, SPARQL_QUERY,
)  # fmt: skip
_TEXTUAL: Final = frozenset({NTRIPLES.media_type, NQUADS.media_type, TRIG.media_type})

#: Request bodies of the SPARQL 1.1 Protocol.
FORM_BODY: Final = "application/x-www-form-urlencoded"
SPARQL_UPDATE: Final = "application/sparql-update"

# --- which formats each kind of answer offers (first is the default) ------------------------

SOLUTION_TYPES: Final = (JSON_RESULTS, XML_RESULTS, CSV, TSV)
BOOLEAN_TYPES: Final = (JSON_RESULTS, XML_RESULTS)
#: Graphs: CONSTRUCT, DESCRIBE and resource descriptions.
GRAPH_TYPES: Final = (TURTLE, NTRIPLES, JSONLD, RDFXML, NQUADS, TRIG)
#: Whole datasets (dumps), which may hold named graphs.
DATASET_TYPES: Final = (NQUADS, TRIG, TURTLE, JSONLD)
#: The deterministic dumps (``samverkan export --format``, the static site's ``dump.*``).
DUMP_TYPES: Final = (TURTLE, NQUADS, JSONLD)
#: What a query of each form can be answered in.
BY_FORM: Final[dict[QueryForm, tuple[Format, ...]]] = {
    "SELECT": SOLUTION_TYPES,
    "ASK": BOOLEAN_TYPES,
    "CONSTRUCT": GRAPH_TYPES,
    "DESCRIBE": GRAPH_TYPES,
}
#: Every format a SPARQL answer can come in (the service description lists them).
RESULT_FORMATS: Final = tuple(dict.fromkeys(f for fs in BY_FORM.values() for f in fs))
#: What a resource can be had as; Turtle first, so `*/*` (curl, most RDF clients) gets RDF
#: while browsers, which rank text/html above */*, get the page.
RESOURCE_TYPES: Final = (TURTLE, HTML, JSONLD, NTRIPLES, RDFXML)
#: The RDF files the service reads: by extension (with the dot), every syntax rdflib parses.
RDF_FILES: Final = {
    f".{ext}": f for f in FORMATS if f.kind in ("graph", "dataset") for ext in f.extensions
}


def by_media_type(media_type: str) -> Format:
    """The format of a media type the service offers (KeyError otherwise)."""
    return _BY_MEDIA_TYPE[media_type.split(";")[0].strip().lower()]


def rdf_file_format(suffix: str) -> Format | None:
    """The RDF syntax of a file extension (``.ttl``), or None."""
    return RDF_FILES.get(suffix.lower())


_BY_MEDIA_TYPE: Final = {f.media_type: f for f in FORMATS}
