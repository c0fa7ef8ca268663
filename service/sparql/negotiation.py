"""Content negotiation shared by /sparql, saved questions and linked data.

Media types are chosen with python-mimeparse (q-values, wildcards); a ``format`` parameter
(e.g. ``?format=csv``) overrides Accept so a browser link can ask for a download.
"""

from typing import Final

import mimeparse

JSON_RESULTS: Final = "application/sparql-results+json"
XML_RESULTS: Final = "application/sparql-results+xml"
CSV: Final = "text/csv"
TSV: Final = "text/tab-separated-values"
TURTLE: Final = "text/turtle"
NTRIPLES: Final = "application/n-triples"
NQUADS: Final = "application/n-quads"
TRIG: Final = "application/trig"
JSONLD: Final = "application/ld+json"
RDFXML: Final = "application/rdf+xml"
HTML: Final = "text/html"
JSON: Final = "application/json"
#: Request bodies of the SPARQL 1.1 Protocol.
FORM: Final = "application/x-www-form-urlencoded"
SPARQL_QUERY: Final = "application/sparql-query"
SPARQL_UPDATE: Final = "application/sparql-update"

#: Offered for SELECT and ASK results, preferred first.
SOLUTION_TYPES: Final = (JSON_RESULTS, XML_RESULTS, CSV, TSV)
BOOLEAN_TYPES: Final = (JSON_RESULTS, XML_RESULTS)
#: Offered for graphs (CONSTRUCT, DESCRIBE, resource descriptions), preferred first.
GRAPH_TYPES: Final = (TURTLE, NTRIPLES, JSONLD, RDFXML, NQUADS, TRIG)
#: Offered for whole datasets (dumps), which may hold named graphs.
DATASET_TYPES: Final = (NQUADS, TRIG, TURTLE, JSONLD)

#: rdflib serializer names for the RDF media types.
RDFLIB_FORMATS: Final = {
    TURTLE: "turtle",
    NTRIPLES: "nt11",
    NQUADS: "nquads",
    TRIG: "trig",
    JSONLD: "json-ld",
    RDFXML: "xml",
}

#: Short names accepted by the ``format`` parameter.
FORMAT_ALIASES: Final = {
    "json": JSON_RESULTS,
    "srj": JSON_RESULTS,
    "xml": XML_RESULTS,
    "srx": XML_RESULTS,
    "csv": CSV,
    "tsv": TSV,
    "ttl": TURTLE,
    "turtle": TURTLE,
    "nt": NTRIPLES,
    "ntriples": NTRIPLES,
    "nq": NQUADS,
    "nquads": NQUADS,
    "trig": TRIG,
    "jsonld": JSONLD,
    "json-ld": JSONLD,
    "rdf": RDFXML,
    "rdfxml": RDFXML,
    "html": HTML,
}

#: File extensions for dumps and downloads.
EXTENSIONS: Final = {
    JSON_RESULTS: "srj",
    XML_RESULTS: "srx",
    CSV: "csv",
    TSV: "tsv",
    TURTLE: "ttl",
    NTRIPLES: "nt",
    NQUADS: "nq",
    TRIG: "trig",
    JSONLD: "jsonld",
    RDFXML: "rdf",
    HTML: "html",
}


class NotAcceptable(Exception):
    """No offered media type satisfies the request."""

    def __init__(self, requested: str, offered: tuple[str, ...] | list[str]) -> None:
        self.requested = requested
        self.offered = list(offered)
        super().__init__(
            f"cannot produce any of {requested!r}; available: {', '.join(self.offered)}"
        )


def choose(
    offered: tuple[str, ...] | list[str], accept: str | None, format_param: str | None = None
) -> str:
    """Pick the media type to send from ``offered`` (first is the default)."""
    if format_param:
        name = format_param.lower()
        wanted = FORMAT_ALIASES.get(name, name)
        if wanted in offered:
            return wanted
        # A short name may also be an offered type's subtype: "json" for application/json.
        for media_type in offered:
            if media_type.split("/", 1)[-1] == name:
                return media_type
        raise NotAcceptable(f"format={format_param}", offered)
    if not accept or not accept.strip():
        return offered[0]
    # mimeparse favours the last of equally good candidates; offer in reverse so ties go
    # to our preferred (first) type.
    try:
        best = mimeparse.best_match(list(reversed(offered)), accept)
    except (ValueError, mimeparse.MimeTypeParseException):
        raise NotAcceptable(accept, offered) from None
    if not best:
        raise NotAcceptable(accept, offered)
    return str(best)
