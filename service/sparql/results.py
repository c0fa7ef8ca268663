"""Serialise query results (solutions, booleans, graphs) to the negotiated media type."""

import io

from fastapi import Response
from rdflib import Dataset, Graph, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from ..namespaces import PREFIXES
from ..store.base import SelectResult
from . import negotiation as mt

_RDFLIB_RESULT_FORMATS = {mt.JSON_RESULTS: "json", mt.XML_RESULTS: "xml", mt.CSV: "csv"}


def _as_rdflib_result(result: SelectResult) -> Result:
    rdflib_result = Result("SELECT")
    rdflib_result.vars = [Variable(v) for v in result.variables]
    rdflib_result.bindings = [{Variable(k): v for k, v in row.items()} for row in result.rows]
    return rdflib_result


def _tsv_term(term: Identifier | None) -> str:
    if term is None:
        return ""
    text: str = term.n3()
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def serialize_solutions(result: SelectResult, media_type: str) -> bytes:
    """SELECT results as SPARQL JSON, XML, CSV or TSV."""
    if media_type == mt.TSV:  # rdflib has no TSV result serializer; the format is simple
        lines = ["\t".join("?" + v for v in result.variables)]
        lines += ["\t".join(_tsv_term(row.get(v)) for v in result.variables) for row in result.rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    buffer = io.BytesIO()
    _as_rdflib_result(result).serialize(buffer, format=_RDFLIB_RESULT_FORMATS[media_type])
    return buffer.getvalue()


def serialize_boolean(value: bool, media_type: str) -> bytes:
    """ASK results as SPARQL JSON or XML."""
    rdflib_result = Result("ASK")
    rdflib_result.askAnswer = value
    buffer = io.BytesIO()
    rdflib_result.serialize(buffer, format=_RDFLIB_RESULT_FORMATS[media_type])
    return buffer.getvalue()


def serialize_graph(graph: Graph | Dataset, media_type: str) -> bytes:
    """A graph or dataset in an RDF syntax, with the project's prefixes bound."""
    if media_type in (mt.NQUADS, mt.TRIG) and not isinstance(graph, Dataset):
        # Quad syntaxes need a dataset; a lone graph's triples belong in its default graph.
        dataset = Dataset()
        for triple in graph:
            dataset.add(triple)
        graph = dataset
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    fmt = mt.RDFLIB_FORMATS[media_type]
    if fmt == "json-ld":  # the project's prefixes only, not every namespace rdflib knows
        text = graph.serialize(format=fmt, context=dict(PREFIXES), auto_compact=True)
        return text.encode("utf-8")
    data = graph.serialize(format=fmt, encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")


def content_type(media_type: str) -> str:
    """The Content-Type header value: text types carry their charset."""
    textual = media_type.startswith("text/") or media_type in (mt.NTRIPLES, mt.NQUADS, mt.TRIG)
    return f"{media_type}; charset=utf-8" if textual else media_type


def negotiated_response(
    result: SelectResult | bool | Graph,
    accept: str | None,
    format_param: str | None = None,
) -> Response:
    """Serialise an in-process result in the best acceptable format (raises NotAcceptable)."""
    if isinstance(result, SelectResult):
        media_type = mt.choose(mt.SOLUTION_TYPES, accept, format_param)
        body = serialize_solutions(result, media_type)
    elif isinstance(result, bool):
        media_type = mt.choose(mt.BOOLEAN_TYPES, accept, format_param)
        body = serialize_boolean(result, media_type)
    else:
        media_type = mt.choose(mt.GRAPH_TYPES, accept, format_param)
        body = serialize_graph(result, media_type)
    return Response(body, media_type=content_type(media_type), headers={"Vary": "Accept"})


__all__ = [
    "content_type",
    "negotiated_response",
    "serialize_boolean",
    "serialize_graph",
    "serialize_solutions",
]
