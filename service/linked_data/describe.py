"""Build the RDF description of a resource (and of the ontology) with queries on the Store.

The resource IRI is always passed through the store's ``bindings``, never pasted into the
query text. Queries look in the default graph and in every named graph.
"""

from collections.abc import Iterable
from itertools import count

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..i18n import LABEL_PREDICATES
from ..labels import SAFE_IRI
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
    """The resource's own triples and its blank nodes (incoming links are asked apart)."""
    closure_templates, closure_patterns = _closure("?r")
    return _construct(["?r ?p ?o .", *closure_templates], ["?r ?p ?o .", *closure_patterns])


def _incoming_query(limit: int | None, offset: int) -> str:
    """Links to ``?r`` in a stable order (a page of them with ``limit``); a blank node that
    links shows its holder."""
    page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    links = (
        f"{{ SELECT DISTINCT ?r ?s ?in WHERE {{ {_anywhere('?s ?in ?r .')} }} "
        f"ORDER BY ?in ?s{page} }}"
    )
    holder = _anywhere("?parent ?pp ?s .")
    return (
        f"CONSTRUCT {{ ?s ?in ?r . ?parent ?pp ?s . }} WHERE {{ {links} "
        f"OPTIONAL {{ FILTER(isBlank(?s)) {holder} }} }}"
    )


DESCRIPTION_QUERY = _description_query()
INCOMING_COUNT_QUERY = (
    "SELECT ?r (COUNT(*) AS ?n) WHERE { "
    f"{{ SELECT DISTINCT ?r ?s ?in WHERE {{ {_anywhere('?s ?in ?r .')} }} }} }} GROUP BY ?r"
)
EXISTS_QUERY = f"ASK {{ {_anywhere('?r ?p ?o .')} UNION {_anywhere('?s ?p ?r .')} }}"
#: IRIs whose labels one query asks for.
LABELS_CHUNK = 200


def _labels(store: Store, iris: Iterable[Node]) -> Graph:
    """Every label (each label property, each language) of ``iris``, as triples.

    The IRIs are listed in VALUES, one branch per label property: joined with a subquery
    instead, Oxigraph reads every label of the store (seconds at 1e6 triples).
    """
    wanted = sorted({str(i) for i in iris if isinstance(i, URIRef) and SAFE_IRI.fullmatch(i)})
    branches = " UNION ".join(
        _anywhere(f"?x {p.n3()} ?l . BIND({p.n3()} AS ?lp)") for p in LABEL_PREDICATES
    )
    graph = Graph()
    for start in range(0, len(wanted), LABELS_CHUNK):
        # The IRIs come from the store's own answers and match SAFE_IRI: written into
        # VALUES they cannot change the query.
        values = " ".join(f"<{iri}>" for iri in wanted[start : start + LABELS_CHUNK])
        graph += store.construct(
            f"CONSTRUCT {{ ?x ?lp ?l }} WHERE {{ VALUES ?x {{ {values} }} {branches} }}"
        )
    return graph


def describes(store: Store, iri: URIRef) -> bool:
    """Whether the store has any triple about ``iri`` or linking to it."""
    return bool(store.ask(EXISTS_QUERY, {"r": iri}))


def incoming_count(store: Store, iri: URIRef) -> int:
    """How many links point to ``iri`` (each subject and property once)."""
    rows = store.select(INCOMING_COUNT_QUERY, {"r": iri}).rows
    return int(rows[0]["n"]) if rows else 0


def describe(
    store: Store, iri: URIRef, incoming: int | None = None, incoming_offset: int = 0
) -> Graph:
    """The resource's triples, its blank nodes, incoming links and its neighbours' labels.

    ``incoming`` limits the incoming links to a page of that many from ``incoming_offset``
    (an HTML page shows a page of them; the RDF holds them all). An empty graph means the
    store knows nothing about ``iri``.
    """
    graph = store.construct(DESCRIPTION_QUERY, {"r": iri})
    if incoming != 0:  # (an engine sorts every link before it takes none of them)
        graph += store.construct(_incoming_query(incoming, incoming_offset), {"r": iri})
    if len(graph):
        neighbours = {n for s, _, o in graph for n in (s, o) if n != iri}
        graph += _labels(store, neighbours)
    return graph


def predicate_labels(store: Store, graph: Graph) -> Graph:
    """Labels of the predicates in a description (for the HTML page)."""
    return _labels(store, graph.predicates())


def _labels_query(targets: str) -> str:
    """Labels of the distinct IRIs ``?x`` that ``targets`` binds."""
    predicates = ", ".join(p.n3() for p in LABEL_PREDICATES)
    labels = _anywhere(f"?x ?lp ?l . FILTER(?lp IN ({predicates}))")
    return (
        f"CONSTRUCT {{ ?x ?lp ?l }} WHERE {{ "
        f"{{ SELECT DISTINCT ?x WHERE {{ {{ {targets} }} FILTER(isIRI(?x)) }} }} {labels} }}"
    )


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
