"""SHACL validation with pyshacl over in-memory graphs (no remote imports), and its report."""

import gc
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Processor, Result
from rdflib.term import Identifier, Node

from ..namespaces import SH
from ..paths import ontology_files, shape_files
from ..terms import rdflib_quads, rdflib_term
from .rdf import ParsedFile, load_graph, parse_files
from .report import Finding, ValidationReport
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


Triple = tuple[Node, Node, Node]


# --- cheaper targets for pyshacl (the shapes' meaning unchanged) ---------------------------
#
# pyshacl evaluates SPARQL-based targets, and SPARQL-based constraints once per focus node,
# with rdflib's SPARQL engine; at 1e5 triples that is most of the validation time. Before
# pyshacl runs, a private copy of the shapes graph gets, per shape:
#   - each sh:SPARQLTarget replaced by the sh:targetNode list its query selects, the query
#     run by Oxigraph over the same data (its other targets left as declared);
#   - for a shape whose only constraints are SPARQL-based (the domain rules), its targets
#     narrowed to the nodes its queries can report at all (each query run once, by Oxigraph,
#     with $this unbound); pyshacl then checks those nodes with $this pre-bound, as before;
#   - each sh:node pointing to a shape that only requires a class (such as a class union)
#     replaced by that sh:class, its results still named sh:NodeConstraintComponent;
#   - the property shapes of a node shape given that shape's targets directly, so pyshacl
#     evaluates each once over all focus nodes instead of once per focus node;
#   - each sh:qualifiedValueShape named and given a message, so that the results pyshacl
#     builds for the values it does not count, and then drops, are cheap to build.
# The files in shapes/ are never changed; the report is the same.

_SHAPE_KEYS = frozenset(
    {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}
)
_NOT_CONSTRAINTS = _SHAPE_KEYS | {
    RDF.type, SH.sparql, SH.message, SH.severity, SH.name, SH.description, SH.deactivated,
    URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
    URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
}  # fmt: skip


def _prefixes(shapes: Graph, owner: Node) -> str:
    lines = []
    for declared in shapes.objects(owner, SH.prefixes):
        for declaration in shapes.objects(declared, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines) + "\n"


def _select(store: ox.Store, text: str) -> list[list[object]] | None:
    """Rows of a SELECT run by Oxigraph (None if Oxigraph cannot run it: pyshacl then will)."""
    try:
        answer = store.query(text)
    except (SyntaxError, ValueError, RuntimeError, OSError):
        return None
    if not isinstance(answer, ox.QuerySolutions):
        return None
    names = [v.value for v in answer.variables]
    if "this" not in names:
        return None
    at = names.index("this")
    return [[solution[at]] for solution in answer]


def _this_nodes(store: ox.Store, text: str) -> set[Node] | None:
    """The ?this values a SELECT gives, run by Oxigraph; None if that is not known for sure."""
    rows = _select(store, text)
    if rows is None:
        return None
    found: set[Node] = set()
    for (term,) in rows:
        if term is None:
            return None  # a row without ?this: the query does not bind it; leave it to pyshacl
        found.add(rdflib_term(term))
    return found


def _target_nodes(
    shapes: Graph, shape: Node, store: ox.Store, *, sparql_only: bool = False
) -> set[Node] | None:
    """The focus nodes of a shape's declared targets (or of its SPARQL-based ones only), or
    None if one is not understood."""
    found: set[Node] = set()
    for predicate, value in shapes.predicate_objects(shape):
        if sparql_only and predicate != SH.target:
            continue
        if predicate == SH.targetNode:
            found.add(value)
            continue
        if predicate == SH.target:
            text = shapes.value(value, SH.select)
            if shapes.value(value, RDF.type) != SH.SPARQLTarget or text is None:
                return None
            nodes = _this_nodes(store, _prefixes(shapes, value) + str(text))
            if nodes is None:
                return None
            found |= nodes
            continue
        if predicate == SH.targetClass:  # instances of subclasses too, as in pyshacl
            pattern = (
                "SELECT DISTINCT ?this WHERE { ?this a/<http://www.w3.org/2000/01/rdf-schema#"
                f"subClassOf>* <{value}> }}"
            )
        elif predicate == SH.targetSubjectsOf:
            pattern = f"SELECT DISTINCT ?this WHERE {{ ?this <{value}> ?o }}"
        elif predicate == SH.targetObjectsOf:
            pattern = f"SELECT DISTINCT ?this WHERE {{ ?s <{value}> ?this }}"
        else:
            continue
        nodes = _this_nodes(store, pattern)
        if nodes is None:
            return None
        found |= nodes
    return found


_NEGATED = re.compile(r"\b(?:NOT\s+EXISTS|MINUS)\s*\{", re.IGNORECASE)
_THIS = re.compile(r"[?$]this\b")


def _binds_this(text: str) -> bool:
    """Whether $this occurs in the query's body outside every NOT EXISTS / MINUS block.

    Only then does the run with $this unbound bind it the way a bound run would: a $this
    that appears only under negation (PublicRoleRule) makes the unbound run find nothing.
    """
    kept, depth, skipping, i = [], 0, 0, 0
    while i < len(text):
        found = _NEGATED.match(text, i)
        if found and not skipping:
            skipping, depth, i = 1, 1, found.end()
            continue
        char = text[i]
        if skipping:
            depth += {"{": 1, "}": -1}.get(char, 0)
            skipping = int(depth > 0)
        else:
            kept.append(char)
        i += 1
    body = "".join(kept)
    return bool(_THIS.search(body[body.find("{") + 1 :]))


def _rule_candidates(shapes: Graph, shape: Node, store: ox.Store) -> set[Node] | None:
    """Nodes a SPARQL-only shape can report (its queries with $this unbound), or None."""
    if any(p not in _NOT_CONSTRAINTS for p in shapes.predicates(shape)):
        return None  # other constraints apply to every focus node
    found: set[Node] = set()
    for constraint in shapes.objects(shape, SH.sparql):
        text = shapes.value(constraint, SH.select)
        if text is None or shapes.value(constraint, SH.deactivated) is not None:
            return None
        if not _binds_this(str(text)):
            return None
        nodes = _this_nodes(store, _prefixes(shapes, constraint) + str(text))
        if nodes is None:
            return None
        found |= nodes
    return found


_DECORATION = frozenset(
    {RDF.type, SH.message, SH.name, SH.description, URIRef(str(RDFS.label)), RDFS.comment}
)


def _class_union(shapes: Graph, node: Node, depth: int = 0) -> set[Node] | None:
    """The classes a shape made only of ``sh:class`` / ``sh:or`` / ``sh:node`` admits."""
    if depth > 8:
        return None
    classes: set[Node] = set()
    constraints = [(p, o) for p, o in shapes.predicate_objects(node) if p not in _DECORATION]
    if not constraints:
        return None
    for predicate, value in constraints:
        if predicate == SH["class"]:
            if len(constraints) != 1:
                return None  # sh:class beside other constraints: a conjunction
            classes.add(value)
        elif predicate == SH["or"]:
            for member in shapes.items(value):
                found = _class_union(shapes, member, depth + 1)
                if found is None:
                    return None
                classes |= found
        elif predicate == SH.node and len(constraints) == 1:
            found = _class_union(shapes, value, depth + 1)
            if found is None:
                return None
            classes |= found
        else:
            return None
    return classes


def _instances(data: ox.Store, classes: set[Node]) -> list[Node]:
    values = " ".join(f"<{c}>" for c in sorted(str(c) for c in classes))
    query = (
        "SELECT DISTINCT ?x WHERE { VALUES ?c { " + values + " } "
        "?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?c }"
    )
    rows = _select(data, query.replace("?x", "?this"))
    return sorted({rdflib_term(row[0]) for row in rows or [] if row[0] is not None}, key=str)


_ADMITTED = "urn:x-samverkan-validation:admitted-by-"


@dataclass
class CheaperShapes:
    """Shapes pyshacl evaluates faster, and what the data copy needs to go with them."""

    shapes: Graph
    #: rdf:type triples naming, for each rewritten sh:or, the nodes it admits.
    admitted: list[Triple] = field(default_factory=list)
    #: The owners of a rewritten sh:or or sh:node, and the constraint component their
    #: sh:ClassConstraintComponent results still name (sh:OrConstraintComponent, ...).
    reported_as: dict[Node, URIRef] = field(default_factory=dict)


def _or_as_class(shapes: Graph, cheaper: CheaperShapes, data: ox.Store) -> None:
    """Replace each ``sh:or`` of class alternatives by one ``sh:class`` of its own.

    pyshacl evaluates every alternative of an ``sh:or`` for every value and builds a full
    result for each one that fails. "Is an instance of one of these classes" is the same
    test as "is typed with a class naming exactly those instances" on the validator's
    private copy of the data, which pyshacl answers with one lookup. Only where the owner
    has its own sh:message, so the report reads the same.
    """
    for number, (owner, listed) in enumerate(list(shapes.subject_objects(SH["or"]))):
        classes = _class_union(shapes, owner)
        if classes is None or shapes.value(owner, SH.message) is None:
            continue
        admitted = URIRef(f"{_ADMITTED}{number}")
        cheaper.admitted += [(x, RDF.type, admitted) for x in _instances(data, classes)]
        cheaper.shapes.remove((owner, SH["or"], listed))
        cheaper.shapes.add((owner, SH["class"], admitted))
        cheaper.reported_as[owner] = SH.OrConstraintComponent


def _node_as_class(shapes: Graph, cheaper: CheaperShapes) -> None:
    """Replace ``sh:node N`` by ``sh:class C`` where N is nothing but ``sh:class C``.

    pyshacl validates each value against N as a shape of its own (and for one that fails,
    builds N's result too, nested under the sh:node result as its sh:detail, which the report
    does not show); "conforms to a shape that only requires class C" is "is an instance of
    C", which pyshacl answers with one lookup. N's sh:class may be a rewritten sh:or (see
    :func:`_or_as_class`). The result is the one sh:node gave (the owner's own focus node,
    value, path, severity and sh:message; its component mapped back): only where the owner
    has its own sh:message, one sh:node and no sh:class or other rewritten constraint.
    """
    for owner, node in list(shapes.subject_objects(SH.node)):
        if owner in cheaper.reported_as or shapes.value(owner, SH.message) is None:
            continue
        if len(list(shapes.objects(owner, SH.node))) != 1 or (owner, SH["class"], None) in shapes:
            continue
        constraints = [(p, o) for p, o in shapes.predicate_objects(node) if p not in _DECORATION]
        if len(constraints) != 1 or constraints[0][0] != SH["class"]:
            continue  # N has more to check, or is deactivated, or has a severity of its own
        shapes.remove((owner, SH.node, node))
        shapes.add((owner, SH["class"], constraints[0][1]))
        cheaper.reported_as[owner] = SH.NodeConstraintComponent


_IMPLICIT_CLASS = frozenset({RDFS.Class, URIRef("http://www.w3.org/2002/07/owl#Class")})


def _hoistable(shapes: Graph, owner: Node, prop: Node) -> bool:
    """Whether ``prop`` is reached only as ``owner``'s sh:property, and not otherwise special."""
    if list(shapes.subject_predicates(prop)) != [(owner, SH.property)]:
        return False  # shared, or also reached through sh:node, sh:or, ...
    own = set(shapes.predicates(prop))
    if own & _SHAPE_KEYS or SH.qualifiedValueShapesDisjoint in own:
        return False  # own targets; or sibling shapes, found through the owner
    if any(t != SH.PropertyShape for t in shapes.objects(prop, RDF.type)):
        return False  # an implicit class target, or anything unusual
    return len(list(shapes.objects(prop, SH.path))) == 1


def _hoist_properties(shapes: Graph) -> None:
    """Give each property shape of a top-level node shape that shape's targets, directly.

    pyshacl validates a node shape's sh:property shapes one focus node at a time (a full shape
    evaluation, constraint objects rebuilt, per node), but a shape with targets once over all
    its focus nodes. The results are the same: a property shape's results are its own (its
    focus node, path, value, severity, message and sh:sourceShape) whether it is reached
    through sh:property or through targets; the node shape adds nothing to them. Only for a
    node shape reached through its targets alone, and property shapes reached through it alone.
    A node shape left with nothing to check keeps no targets (its node list is not kept twice).
    """
    for owner in {s for s, p in shapes.subject_predicates() if p in _SHAPE_KEYS}:
        if (
            (owner, SH.target, None) in shapes  # a SPARQL-based target left to pyshacl
            or (owner, SH.deactivated, None) in shapes
            or (owner, SH.closed, None) in shapes  # its sh:property paths are the allowed ones
            or (None, None, owner) in shapes  # also validated as a value of another shape
            or any(
                t in _IMPLICIT_CLASS or (t, RDFS.subClassOf, RDFS.Class) in shapes
                for t in shapes.objects(owner, RDF.type)
            )  # an implicit class target, left alone
        ):
            continue
        targets = [(p, o) for p, o in shapes.predicate_objects(owner) if p in _SHAPE_KEYS]
        hoisted = False
        for prop in list(shapes.objects(owner, SH.property)):
            if not _hoistable(shapes, owner, prop):
                continue
            shapes.remove((owner, SH.property, prop))
            for predicate, value in targets:
                shapes.add((prop, predicate, value))
            hoisted = True
        if hoisted and set(shapes.predicates(owner)) <= _SHAPE_KEYS | _DECORATION:
            for triple in [(owner, p, o) for p, o in targets]:  # nothing left to check
                shapes.remove(triple)


_COUNTED = "urn:x-samverkan-validation:counted-by-"
_UNREPORTED = Literal("(counted by a qualified value shape; never reported)")


def _quiet_qualified(shapes: Graph) -> None:
    """Name each sh:qualifiedValueShape and give it a message, so its failures cost less.

    pyshacl validates every value node against a qualified value shape and, for each value
    that fails (every English label, for a shape counting Swedish ones), builds a complete
    result, describing a blank-node shape in full and composing a default message; then it
    only counts the values that conform and drops those results. A named shape with its own
    message conforms exactly as before (severity and constraints untouched). Only for a shape
    reached through that one sh:qualifiedValueShape and nothing else (no targets either),
    so its results are never reported anywhere.
    """
    owners = list(shapes.subject_objects(SH.qualifiedValueShape))
    for number, (owner, value_shape) in enumerate(owners):
        if not isinstance(value_shape, BNode):
            continue
        if list(shapes.subject_predicates(value_shape)) != [(owner, SH.qualifiedValueShape)]:
            continue
        if any(p in _SHAPE_KEYS or p == SH.message for p in shapes.predicates(value_shape)):
            continue
        named = URIRef(f"{_COUNTED}{number}")
        for predicate, value in list(shapes.predicate_objects(value_shape)):
            shapes.remove((value_shape, predicate, value))
            shapes.add((named, predicate, value))
        shapes.remove((owner, SH.qualifiedValueShape, value_shape))
        shapes.add((owner, SH.qualifiedValueShape, named))
        shapes.add((named, SH.message, _UNREPORTED))


def cheaper_targets(shapes: Graph, data: ox.Store) -> CheaperShapes:
    """A copy of ``shapes`` whose SPARQL-based targets are node lists (see above)."""
    copy = Graph()
    for triple in shapes:
        copy.add(triple)
    cheaper = CheaperShapes(copy)
    _or_as_class(shapes, cheaper, data)
    _node_as_class(copy, cheaper)
    targeted = {s for s, p in shapes.subject_predicates() if p in _SHAPE_KEYS}
    for shape in targeted:
        has_sparql_target = (shape, SH.target, None) in shapes
        candidates = _rule_candidates(shapes, shape, data)
        if not has_sparql_target and candidates is None:
            continue
        # Narrowed: every target as a node list. Else only the SPARQL-based targets are
        # replaced; pyshacl finds the others' (cheap) focus nodes itself, as declared.
        nodes = _target_nodes(shapes, shape, data, sparql_only=candidates is None)
        if nodes is None:
            continue
        replaced = _SHAPE_KEYS if candidates is not None else {SH.target}
        if candidates is not None:
            nodes &= candidates
        for key in replaced:
            copy.remove((shape, key, None))
        for node in nodes:
            copy.add((shape, SH.targetNode, node))
        if not any(p in _SHAPE_KEYS for p in copy.predicates(shape)):
            # a shape with no focus node at all: keep it declared, never applied
            copy.add((shape, SH.deactivated, Literal(True)))
    _hoist_properties(copy)
    _quiet_qualified(copy)
    return cheaper


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
