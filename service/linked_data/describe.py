"""Build the RDF description of a resource (and of the ontology) with queries on the Store.

The resource IRI is always passed through the store's ``bindings``, never pasted into the
query text. Queries look in the default graph and in every named graph.
"""

from itertools import count

from rdflib import Graph, Literal, URIRef

from ..i18n import LABEL_PREDICATES
from ..namespaces import DCTERMS
from ..store.base import Store

#: How many blank nodes deep the description follows (dates are one level deep). SPARQL
#: cannot restrict a property path to blank nodes, so the closure is unrolled to this depth.
BLANK_DEPTH = 4

_graph_names = count()


def _steps(*steps: str) -> str:
    """Groups joined in order. Each step is its own group so that rdflib joins them lazily,
    feeding the bindings of one step into the next (in one group it may reorder the
    triple patterns and start with a scan of the whole store); oxigraph plans either way."""
    return " ".join(f"{{ {step} }}" for step in steps)


def _anywhere(pattern: str) -> str:
    """``pattern`` matched in the default graph or in any named graph."""
    g = f"?g{next(_graph_names)}"
    return f"{{ {{ {pattern} }} UNION {{ GRAPH {g} {{ {pattern} }} }} }}"


def _blank_chain(start: str, depth: int, first: str = "") -> tuple[str, str]:
    """Template and pattern for the triples of the blank node ``depth`` steps from ``start``.

    ``first`` is a filter added to the first step (where ``start`` gets bound).
    """
    steps = []
    node = start
    for level in range(1, depth + 1):
        blank = f"?b{level}"
        extra = f" {first}" if level == 1 else ""
        steps.append(f"{node} ?x{level} {blank} . FILTER(isBlank({blank})){extra}")
        node = blank
    steps.append(f"{node} ?bp{depth} ?bo{depth} .")
    return f"{node} ?bp{depth} ?bo{depth} .", _steps(*steps)


def _closure(start: str, first: str = "") -> tuple[list[str], list[str]]:
    """Templates and patterns for the blank-node closure below ``start``."""
    templates, patterns = [], []
    for depth in range(1, BLANK_DEPTH + 1):
        template, pattern = _blank_chain(start, depth, first)
        templates.append(template)
        patterns.append(pattern)
    return templates, patterns


def _construct(templates: list[str], patterns: list[str]) -> str:
    where = " UNION ".join(_anywhere(p) for p in patterns)
    return f"CONSTRUCT {{ {' '.join(templates)} }} WHERE {{ {where} }}"


def _description_query() -> str:
    templates = ["?r ?p ?o .", "?s ?in ?r .", "?parent ?pp ?s ."]
    patterns = [
        "?r ?p ?o .",
        "?s ?in ?r .",
        _steps("?s ?in ?r . FILTER(isBlank(?s))", "?parent ?pp ?s ."),
    ]
    closure_templates, closure_patterns = _closure("?r")
    return _construct(templates + closure_templates, patterns + closure_patterns)


def _neighbours_pattern() -> str:
    """``?x``: every IRI the resource links to or is linked from (also through blank nodes)."""
    return " UNION ".join(
        _anywhere(p)
        for p in (
            "?r ?p ?x .",
            "?x ?p ?r .",
            _steps("?r ?p0 ?b . FILTER(isBlank(?b))", "?b ?p ?x ."),
            _steps("?b ?p0 ?r . FILTER(isBlank(?b))", "?x ?p ?b ."),
        )
    )


def _predicates_pattern() -> str:
    """``?x``: every predicate used in the resource's description."""
    return " UNION ".join(
        _anywhere(p)
        for p in (
            "?r ?x ?o .",
            "?s ?x ?r .",
            _steps("?r ?p0 ?b . FILTER(isBlank(?b))", "?b ?x ?o ."),
        )
    )


def _labels_query(targets: str, keep: str = "") -> str:
    """Labels of the distinct IRIs ``?x`` that ``targets`` binds.

    ``keep`` names variables the subquery must pass on: a bound variable has to stay in
    scope (oxigraph refuses to bind one that a subquery hides).
    """
    predicates = ", ".join(p.n3() for p in LABEL_PREDICATES)
    labels = _anywhere(f"?x ?lp ?l . FILTER(?lp IN ({predicates}))")
    return (
        f"CONSTRUCT {{ ?x ?lp ?l }} WHERE {{ "
        f"{{ SELECT DISTINCT {keep} ?x WHERE {{ {{ {targets} }} FILTER(isIRI(?x)) }} }} {labels} }}"
    )


DESCRIPTION_QUERY = _description_query()
NEIGHBOUR_LABELS_QUERY = _labels_query(_neighbours_pattern(), keep="?r")
PREDICATE_LABELS_QUERY = _labels_query(_predicates_pattern(), keep="?r")


def describe(store: Store, iri: URIRef) -> Graph:
    """The resource's triples, its blank nodes, incoming links and its neighbours' labels.

    An empty graph means the store knows nothing about ``iri``.
    """
    graph = store.construct(DESCRIPTION_QUERY, {"r": iri})
    if len(graph):
        graph += store.construct(NEIGHBOUR_LABELS_QUERY, {"r": iri})
    return graph


def predicate_labels(store: Store, iri: URIRef) -> Graph:
    """Labels of the predicates in ``iri``'s description (for the HTML page)."""
    return store.construct(PREDICATE_LABELS_QUERY, {"r": iri})


def ontology_query(ontology_iri: str) -> str:
    """All triples whose subject starts with ``ontology_iri``, with their blank nodes.

    The prefix comes from the settings, not from a request; it is written as an escaped
    literal because a variable used only in a FILTER cannot be bound in every backend.
    """
    in_ontology = f"FILTER(isIRI(?r) && STRSTARTS(STR(?r), {Literal(ontology_iri).n3()}))"
    closure_templates, closure_patterns = _closure("?r", first=in_ontology)
    return _construct(
        ["?r ?p ?o .", *closure_templates], [f"?r ?p ?o . {in_ontology}", *closure_patterns]
    )


def describe_ontology(store: Store, ontology_iri: str) -> Graph:
    """The whole ontology: every triple about the ontology IRI or one of its terms."""
    return store.construct(ontology_query(ontology_iri))


def labels_of_used_terms(store: Store) -> Graph:
    """Labels of every class, predicate and source document in the store (for dataset pages)."""
    used = " UNION ".join(
        _anywhere(p) for p in ("?s a ?x .", "?s ?x ?o .", f"?s {DCTERMS.source.n3()} ?x .")
    )
    return store.construct(_labels_query(used))
