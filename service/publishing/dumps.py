"""Deterministic dumps: the same graph always gives the same bytes, so that a git diff of two
releases shows exactly what changed.

Blank nodes get canonical names (``rdflib.compare.to_canonical_graph``: a hash of what they
are, not of load order), N-Triples/N-Quads lines are sorted, Turtle is written by rdflib
from the canonical graph (it orders subjects, predicates and objects itself) with a fixed
set of prefixes, and JSON-LD objects are sorted by ``@id`` with sorted keys.
"""

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .. import formats as f
from ..formats import Format
from ..loading.rdf import load_files
from ..model import registry
from ..namespaces import BASE, PREFIXES, VANN

#: The dump formats ``samverkan export --format`` writes, by short name.
DUMP_FORMATS: Final[dict[str, Format]] = {"ttl": f.TURTLE, "nq": f.NQUADS, "jsonld": f.JSONLD}


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
    """The triples with blank nodes named canonically, in a graph with no prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for triple in triples:
        graph.add(triple)
    result = Graph(bind_namespaces="none")
    for triple in to_canonical_graph(graph):
        result.add(triple)
    return result


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
    text = graph.serialize(format="nt11")
    lines = [line for line in text.splitlines() if line.strip()]
    if name is None:
        return lines
    return [f"{line[:-1].rstrip()} <{name}> ." for line in lines]


def _merged(dataset: Dataset) -> Graph:
    graph = Graph(bind_namespaces="none")
    for _, part in _graphs(dataset):
        graph += part
    return graph


def _turtle(graph: Graph, base: str) -> str:
    used = {str(term) for triple in graph for term in triple}
    used |= {str(o.datatype) for o in graph.objects() if isinstance(o, Literal) and o.datatype}
    out = Graph(bind_namespaces="none")
    for name, namespace in sorted(prefixes(base).items()):
        if any(term.startswith(namespace) for term in used):
            out.bind(name, namespace, override=True, replace=True)
    for triple in graph:
        out.add(triple)
    return out.serialize(format="turtle")


def _sort_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sort_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(graph: Graph, base: str) -> str:
    context = {name: ns for name, ns in sorted(PREFIXES.items()) if name != "id"}
    context["id"] = base
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    data = json.loads(text)
    return json.dumps(_sort_json(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def dump(dataset: Dataset, fmt: str, base: str = BASE) -> str:
    """The dataset in ``fmt`` (``ttl``, ``nq`` or ``jsonld``), the same text for the same data.

    Turtle and JSON-LD carry no graph names: the graphs are merged (N-Quads keeps them).
    """
    if fmt == "nq":
        lines = [line for name, graph in _graphs(dataset) for line in _lines(graph, name)]
        return "".join(f"{line}\n" for line in sorted(lines))
    if fmt == "ttl":
        return _turtle(_merged(dataset), base)
    if fmt == "jsonld":
        return _jsonld(_merged(dataset), base)
    raise ValueError(f"unknown dump format {fmt!r} (known: {', '.join(DUMP_FORMATS)})")


def graph_turtle(graph: Graph, base: str = BASE) -> str:
    """One graph as deterministic Turtle (what ``samverkan import`` writes)."""
    return _turtle(canonical_graph(graph), base)


def load_dataset(paths: Iterable[Path]) -> Dataset:
    """RDF files into one dataset (syntax by extension; ``file:line`` errors)."""
    return load_files(paths)
