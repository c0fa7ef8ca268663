"""Write answers (solutions, booleans, graphs, datasets) in a format of :mod:`service.formats`."""

import io

from rdflib import Dataset, Graph, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from . import formats as f
from .formats import Format
from .namespaces import PREFIXES
from .results import SelectResult


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


def serialize_solutions(result: SelectResult, fmt: Format) -> bytes:
    """SELECT results as SPARQL JSON, XML, CSV or TSV."""
    if fmt.rdflib is None:  # TSV: rdflib has no writer; the format is simple
        lines = ["\t".join("?" + v for v in result.variables)]
        lines += ["\t".join(_tsv_term(row.get(v)) for v in result.variables) for row in result.rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    buffer = io.BytesIO()
    _as_rdflib_result(result).serialize(buffer, format=fmt.rdflib)
    return buffer.getvalue()


def serialize_boolean(value: bool, fmt: Format) -> bytes:
    """ASK results as SPARQL JSON or XML."""
    rdflib_result = Result("ASK")
    rdflib_result.askAnswer = value
    buffer = io.BytesIO()
    assert fmt.rdflib is not None, f"{fmt.name} cannot carry a boolean"
    rdflib_result.serialize(buffer, format=fmt.rdflib)
    return buffer.getvalue()


def serialize_graph(graph: Graph | Dataset, fmt: Format) -> bytes:
    """A graph or dataset in an RDF syntax, with the project's prefixes bound."""
    if fmt.holds_datasets and not isinstance(graph, Dataset) and fmt is not f.JSONLD:
        # Quad syntaxes need a dataset; a lone graph's triples belong in its default graph.
        dataset = Dataset()
        for triple in graph:
            dataset.add(triple)
        graph = dataset
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    assert fmt.rdflib is not None, f"{fmt.name} is not an RDF syntax"
    if fmt is f.JSONLD:  # the project's prefixes only, not every namespace rdflib knows
        text = graph.serialize(format=fmt.rdflib, context=dict(PREFIXES), auto_compact=True)
        return text.encode("utf-8")
    data = graph.serialize(format=fmt.rdflib, encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")


def serialize(value: SelectResult | bool | Graph, fmt: Format) -> bytes:
    """Any query answer in ``fmt`` (which must fit the answer's kind)."""
    if isinstance(value, SelectResult):
        return serialize_solutions(value, fmt)
    if isinstance(value, bool):
        return serialize_boolean(value, fmt)
    return serialize_graph(value, fmt)


def offered_for(value: SelectResult | bool | Graph) -> tuple[Format, ...]:
    """The formats an answer of this kind can be written in."""
    if isinstance(value, SelectResult):
        return f.SOLUTION_TYPES
    if isinstance(value, bool):
        return f.BOOLEAN_TYPES
    return f.GRAPH_TYPES
