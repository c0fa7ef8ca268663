"""Deterministic dumps: the same graph always gives the same bytes, so that a git diff of two
releases shows exactly what changed.

Blank nodes get canonical names (Oxigraph's canonicalisation: a hash of what they are, not
of load order), N-Triples/N-Quads lines are sorted, Turtle is written by rdflib
from the canonical graph (it orders subjects, predicates and objects itself) with a fixed
set of prefixes, and JSON-LD objects are sorted by ``@id`` with sorted keys.
"""

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .. import formats as f
from ..formats import Format
from ..loading.rdf import load_files
from ..model import registry
from ..namespaces import BASE, PREFIXES, VANN
from ..terms import rdflib_quads

#: The dump formats ``samverkan export --format`` writes, by short name (``formats.DUMP_TYPES``).
DUMP_FORMATS: Final[dict[str, Format]] = {fmt.short: fmt for fmt in f.DUMP_TYPES}


def prefixes(base: str = BASE) -> dict[str, str]:
    """Every prefix a dump may use: the project's and its class paths' (``ps:`` for
    ``partnership/``, as the data files abbreviate them; the registry reads them from the
    ontology's ``vann:preferredNamespacePrefix``)."""
    found = dict(PREFIXES)
    found["id"] = base
    found["vann"] = str(VANN)  # the ontology's prefixes of class paths (else an ns1/ns2 race)
    paths = registry().paths.values()
    found.update({p.prefix: f"{base}{p.segment}/" for p in paths if p.prefix})
    return found


def canonical_graph(triples: Iterable[tuple[Any, Any, Any]]) -> Graph:
    """The triples with blank nodes named canonically, in a graph with no prefixes bound.

    Oxigraph canonicalises (its algorithm is stable for one release, which the project pins);
    rdflib's ``to_canonical_graph`` took over a minute for the register's 9,000 triples and
    their evidence's blank nodes.
    """
    graph = Graph(bind_namespaces="none")
    for triple in triples:
        graph.add(triple)
    text = graph.serialize(format=f.NTRIPLES.rdflib or "nt11").encode("utf-8")
    dataset = ox.Dataset(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    result = Graph(bind_namespaces="none")
    for s, p, o, _ in rdflib_quads(dataset):
        result.add((s, p, o))
    return result


def isomorphic(
    first: Iterable[tuple[Any, Any, Any]], second: Iterable[tuple[Any, Any, Any]]
) -> bool:
    """Whether two graphs are the same up to blank-node names: their canonical forms agree
    (seconds for the register, where ``rdflib.compare.isomorphic`` takes minutes)."""
    return set(canonical_graph(first)) == set(canonical_graph(second))


def _graphs(dataset: Dataset) -> list[tuple[URIRef | None, Graph]]:
    """Each graph of the dataset (the default graph as None) with its triples canonicalised."""
    found: list[tuple[URIRef | None, Graph]] = []
    for context in sorted(dataset.contexts(), key=lambda g: str(g.identifier)):
        name = context.identifier
        if not len(context):
            continue
        found.append(
            (None if name == DATASET_DEFAULT_GRAPH_ID else URIRef(name), canonical_graph(context))
        )
    return sorted(found, key=lambda item: "" if item[0] is None else str(item[0]))


def _lines(graph: Graph, name: URIRef | None) -> list[str]:
    text = graph.serialize(format=f.NTRIPLES.rdflib or "nt11")
    lines = [line for line in text.splitlines() if line.strip()]
    if name is None:
        return lines
    return [f"{line[:-1].rstrip()} <{name}> ." for line in lines]


def _merged(dataset: Dataset) -> Graph:
    graph = Graph(bind_namespaces="none")
    for _, part in _graphs(dataset):
        graph += part
    return graph


def _turtle(graph: Graph, base: str, writer: str = "turtle") -> str:
    """``graph`` written by rdflib's ``writer`` with the prefixes it uses, from a fixed set."""
    used = {str(term) for triple in graph for term in triple}
    used |= {str(o.datatype) for o in graph.objects() if isinstance(o, Literal) and o.datatype}
    out = Graph(bind_namespaces="none")
    for name, namespace in sorted(prefixes(base).items()):
        if any(term.startswith(namespace) for term in used):
            out.bind(name, namespace, override=True, replace=True)
    for triple in graph:
        out.add(triple)
    return out.serialize(format=writer)


def _sort_json(value: Any, ordered: bool = False) -> Any:
    """Keys and arrays sorted for a deterministic dump, but an RDF list (``@list``) keeps
    its order: the order is its meaning (kinds.ttl's columns and facets)."""
    if isinstance(value, dict):
        return {k: _sort_json(v, k == "@list") for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        if ordered:
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(graph: Graph, base: str) -> str:
    context = {name: ns for name, ns in sorted(PREFIXES.items()) if name != "id"}
    context["id"] = base
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    data = json.loads(text)
    return json.dumps(_sort_json(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def dump(dataset: Dataset, fmt: Format, base: str = BASE) -> str:
    """The dataset in ``fmt`` (one of ``DUMP_TYPES``), the same text for the same data.

    Chosen by the syntax's grammar: a line syntax gets sorted lines (graph names kept where
    it holds datasets: N-Quads); JSON gets sorted JSON-LD; any other is written by rdflib
    with the fixed prefixes (Turtle). All but N-Quads carry no graph names: graphs merged.
    """
    if fmt.grammar == "lines":
        graphs = _graphs(dataset) if fmt.holds_datasets else [(None, _merged(dataset))]
        lines = [line for name, graph in graphs for line in _lines(graph, name)]
        return "".join(f"{line}\n" for line in sorted(lines))
    if fmt.grammar == "json":
        return _jsonld(_merged(dataset), base)
    if fmt.rdflib is None:
        raise ValueError(f"no writer for a dump in {fmt.name}")
    return _turtle(_merged(dataset), base, fmt.rdflib)


def graph_turtle(graph: Graph, base: str = BASE) -> str:
    """One graph as deterministic Turtle (what ``samverkan import`` writes)."""
    return _turtle(canonical_graph(graph), base)


def load_dataset(paths: Iterable[Path]) -> Dataset:
    """RDF files into one dataset (syntax by extension; ``file:line`` errors)."""
    return load_files(paths)
