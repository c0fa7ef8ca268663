"""SHACL validation with pyshacl over in-memory graphs (no remote imports), and its report."""

import gc
import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Processor, Result
from rdflib.term import Identifier, Node

from ..namespaces import SH
from ..paths import ontology_files, shape_files
from ..query_text import RDFLIB_PARSING
from ..terms import rdflib_quads
from .rdf import ParsedFile, load_graph, parse_files
from .report import Finding, ValidationReport
from .shape_rewrite import Triple, cheaper_targets
from .vocabulary import with_unknown_terms

__all__ = [
    "Finding",
    "ShapesError",
    "ValidationReport",
    "load_shapes",
    "validate",
    "validate_files",
    "validate_parsed",
    "with_ontology",
]


class ShapesError(ValueError):
    """The shapes graph cannot be used (pyshacl refused to load it)."""


@lru_cache(maxsize=512)
def _prepared(text: str, namespaces: tuple[tuple[str, str], ...]) -> Query:
    with RDFLIB_PARSING:
        return prepareQuery(text, initNs=dict(namespaces))


class _PreparedQueryGraph(Graph):
    """A graph that parses each distinct SPARQL text once.

    pyshacl sends the same query text for every focus node of a SPARQL-based constraint, and
    rdflib would parse and translate it every time; parsing dominates validation otherwise.
    """

    def query(
        self,
        query_object: str | Query,
        processor: str | Processor = "sparql",
        result: str | type[Result] = "sparql",
        initNs: Mapping[str, Any] | None = None,  # rdflib's parameter names
        initBindings: Mapping[str, Identifier] | None = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str) and processor == "sparql":
            namespaces = initNs if initNs is not None else dict(self.namespaces())
            key = tuple(sorted((str(k), str(v)) for k, v in namespaces.items()))
            query_object = _prepared(query_object, key)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _path_text(graph: Graph, path: Node | None) -> str | None:
    """A SHACL property path as SPARQL-like text: ``<p>``, ``^<p>``, ``<p>/<q>``, ..."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    if not isinstance(path, BNode):
        return str(path)
    unary = {SH.inversePath: "^{}", SH.zeroOrMorePath: "{}*", SH.oneOrMorePath: "{}+"}
    for predicate, template in unary.items():
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(_path_text(graph, inner))
    inner = graph.value(path, SH.zeroOrOnePath)
    if inner is not None:
        return f"{_path_text(graph, inner)}?"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        members = Collection(graph, alternatives)
        return "(" + "|".join(str(_path_text(graph, m)) for m in members) + ")"
    if graph.value(path, RDF.first) is not None:
        return "/".join(str(_path_text(graph, m)) for m in Collection(graph, path))
    return str(path)


def _where(data: Graph, node: Node, depth: int = 3) -> str | None:
    """For a blank node, the triple that leads to it: ``<p> of <s>`` (blank subjects nested)."""
    if not isinstance(node, BNode) or depth == 0:
        return None
    for subject, predicate in data.subject_predicates(node):
        outer = _where(data, subject, depth - 1) if isinstance(subject, BNode) else None
        owner = f"[{outer}]" if outer else str(subject)
        return f"{predicate} of {owner}"
    return None


def load_shapes(paths: Iterable[Path] | None = None) -> Graph:
    """The SHACL shapes in ``paths`` (default: the project's shapes from shapes/)."""
    return load_graph(shape_files() if paths is None else paths)


def _origin(
    report: Graph,
    result: Node,
    origins: Mapping[Node, str],
    triple_origins: Mapping[Triple, str],
) -> str | None:
    """The file of the offending triple if the result names one, else of the focus node."""
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    if focus is None:
        return None
    if value is not None and path is not None:
        if isinstance(path, URIRef) and (focus, path, value) in triple_origins:
            return triple_origins[(focus, path, value)]
        inverse = report.value(path, SH.inversePath)
        if isinstance(inverse, URIRef) and (value, inverse, focus) in triple_origins:
            return triple_origins[(value, inverse, focus)]
    return origins.get(focus)


class _CycleCollectorPaused:
    """Python's cycle collector paused while something is validated, and resumed after.

    Building the validator's graphs and running pyshacl allocate millions of objects; every
    full collection walks all of them (the whole data graph too) and finds next to nothing:
    about a seventh of the validation time at 1e5 triples. Reference counting still frees
    everything not in a cycle as it goes; cycles wait until the last validation running ends
    (the peak memory at 1e5 triples is the same). Only what was enabled is resumed.

    Why process-wide is acceptable: Python has one collector per process (no per-thread
    switch), so while ``POST /validate`` validates in a worker thread the server's other
    threads collect no cycles either. The pause is scoped to validation all the same: entered
    and left as a context manager (so an exception resumes it too), counted under a lock so
    nested (``validate_parsed`` → ``validate``) and concurrent validations resume only when
    the last one ends, and bounded in time and memory by the request-body cap
    (``max_body_bytes``). ``tests/loading/test_validation.py`` checks all three cases.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._running == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._running += 1

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0 and self._resume:
                gc.enable()


_cycle_collector_paused = _CycleCollectorPaused()


def validate(
    data: Graph,
    shapes: Graph | None = None,
    origins: Mapping[Node, str] | None = None,
    triple_origins: Mapping[Triple, str] | None = None,
    engine: ox.Store | None = None,
) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (default: the project's shapes).

    ``engine``, an Oxigraph store holding the same triples, evaluates the SPARQL-based
    targets (see :func:`cheaper_targets`).

    ``origins`` maps a focus node to the file it comes from, and ``triple_origins`` a triple
    to its file, so the report can say where: the file of the offending triple when a
    result names one (focus, path, value), else the focus node's file.
    Raises :class:`ShapesError` when the shapes themselves cannot be used.
    """
    with _cycle_collector_paused:
        return _validate(data, shapes, origins, triple_origins, engine)


def _validate(
    data: Graph,
    shapes: Graph | None,
    origins: Mapping[Node, str] | None,
    triple_origins: Mapping[Triple, str] | None,
    engine: ox.Store | None,
) -> ValidationReport:
    shapes = load_shapes() if shapes is None else shapes
    # A private copy, so pyshacl may work in place (no clone) and queries are parsed once.
    if isinstance(data, _PreparedQueryGraph):
        graph = data
    else:
        graph = _PreparedQueryGraph()
        for triple in data.triples((None, None, None)):
            graph.add(triple)
    # pyshacl is imported only when something is validated: serving a built store never is.
    from pyshacl import validate as pyshacl_validate
    from pyshacl.errors import ReportableRuntimeError

    reported_as: dict[Node, URIRef] = {}
    if engine is not None:
        cheaper = cheaper_targets(shapes, engine)
        shapes, reported_as = cheaper.shapes, cheaper.reported_as
        for triple in cheaper.admitted:
            graph.add(triple)
    try:
        _, report_graph, _ = pyshacl_validate(
            graph,
            shacl_graph=shapes,
            inference="none",
            advanced=True,  # SPARQL-based targets and constraints
            allow_warnings=True,
            do_owl_imports=False,  # never fetch anything remote
            inplace=True,
        )
    except ReportableRuntimeError as error:
        raise ShapesError(f"the shapes cannot be used: {error.message}") from error
    assert isinstance(report_graph, Graph)
    findings = []
    # Only the report's own results: pyshacl also types the nested sh:detail results of
    # sh:node/sh:or failures as sh:ValidationResult, and they would be counted twice.
    for result in report_graph.objects(None, SH.result):
        focus = report_graph.value(result, SH.focusNode)
        severity = report_graph.value(result, SH.resultSeverity)
        component = report_graph.value(result, SH.sourceConstraintComponent)
        if component == SH.ClassConstraintComponent:
            source = report_graph.value(result, SH.sourceShape)
            component = reported_as.get(source, component) if source is not None else component
        findings.append(
            Finding(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus_node=str(focus),
                path=_path_text(report_graph, report_graph.value(result, SH.resultPath)),
                message=str(report_graph.value(result, SH.resultMessage) or ""),
                constraint=str(component).rsplit("#", 1)[-1] if component else "",
                shape=_text(report_graph.value(result, SH.sourceShape)),
                value=_text(report_graph.value(result, SH.value)),
                file=_origin(report_graph, result, origins or {}, triple_origins or {}),
                where=_where(graph, focus) if focus is not None else None,
            )
        )
    return ValidationReport(findings)


def with_ontology(paths: Iterable[Path]) -> list[Path]:
    """``paths`` plus the ontology's files (once), so the vocabulary is described too."""
    files = [Path(p) for p in paths]
    given = {p.resolve() for p in files}
    return [p for p in ontology_files() if p.resolve() not in given] + files


def validate_files(paths: list[Path], shapes: Graph | None = None) -> ValidationReport:
    """Load and validate files together, attributing each finding to a file."""
    return validate_parsed(parse_files(paths), shapes)


def validate_parsed(parsed: Iterable[ParsedFile], shapes: Graph | None = None) -> ValidationReport:
    """Validate files already parsed (the same quads that go into the store), all together.

    A finding belongs to the file holding its offending triple, if it names one; else to the
    first file that describes its focus node (as a subject), else the first that mentions it.
    """
    with _cycle_collector_paused:
        return _validate_parsed(parsed, shapes)


def _validate_parsed(parsed: Iterable[ParsedFile], shapes: Graph | None) -> ValidationReport:
    described: dict[Node, str] = {}
    mentioned: dict[Node, str] = {}
    triples: dict[Triple, str] = {}
    data = _PreparedQueryGraph()
    engine = ox.Store()  # the same triples, for the SPARQL-based targets
    for item in parsed:
        where = str(item.path)
        engine.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in item.quads)
        for s, p, o, _ in rdflib_quads(item.quads):
            described.setdefault(s, where)
            mentioned.setdefault(p, where)
            mentioned.setdefault(o, where)
            triples.setdefault((s, p, o), where)
            data.add((s, p, o))
    report = validate(data, shapes, {**mentioned, **described}, triples, engine)
    return with_unknown_terms(report, data, mentioned)
