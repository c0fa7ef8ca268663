"""Unknown terms: names in the project's vocabulary (``skg:``) that the ontology never declares.

A misspelt property (``skg:sgd`` for ``skg:sdg``) is a term the ontology does not know. SHACL
only sees "an IRI under the base with no rdf:type"; this check says what it is and what was
probably meant: ``unknown property skg:sgd — did you mean skg:sdg?``, with the closest
declared term of the same kind (``difflib``). It runs only when the ontology is part of the
data (as the SHACL shape for untyped IRIs does), since without it every term is unknown.
"""

import difflib
from collections.abc import Mapping
from dataclasses import replace
from typing import Final, TypeGuard

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from ..namespaces import SKG, compact_iri
from .report import Finding, ValidationReport

#: The ontology document; its presence in the data means the vocabulary is there to check.
ONTOLOGY: Final = URIRef(str(SKG).rstrip("#"))
#: The constraint named on an unknown-term finding.
CONSTRAINT: Final = "UnknownTermConstraint"

_PROPERTY_TYPES: Final = (
    RDF.Property,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
)
_CLASS_TYPES: Final = (OWL.Class, RDFS.Class)


def _in_vocabulary(node: Node) -> TypeGuard[URIRef]:
    return isinstance(node, URIRef) and node.startswith(str(SKG)) and node != SKG


def _declared(data: Graph, types: tuple[URIRef, ...]) -> list[URIRef]:
    return sorted({s for t in types for s in data.subjects(RDF.type, t) if _in_vocabulary(s)})


def _suggestion(term: URIRef, candidates: list[URIRef]) -> str:
    """`` — did you mean skg:x?`` for the closest declared name, or nothing.

    difflib's ratio finds the close names; among equally close ones a swap of letters
    (``sgd`` for ``sdg``) beats a longer word that happens to share them (``signed``).
    """
    names = {str(c)[len(str(SKG)) :]: c for c in candidates}
    local = str(term)[len(str(SKG)) :]
    close = difflib.get_close_matches(local, list(names), n=len(names) or 1, cutoff=0.6)
    if not close:
        return ""

    def rank(name: str) -> tuple[float, bool, int]:
        ratio = difflib.SequenceMatcher(None, local.lower(), name.lower()).ratio()
        return ratio, sorted(name.lower()) == sorted(local.lower()), -abs(len(name) - len(local))

    best = max(close, key=rank)
    return f" — did you mean {compact_iri(str(names[best]))}?"


def unknown_terms(data: Graph, origins: Mapping[Node, str] | None = None) -> list[Finding]:
    """A violation for each ``skg:`` term used in ``data`` that no triple gives a type."""
    if (ONTOLOGY, RDF.type, OWL.Ontology) not in data:
        return []
    typed = {s for s in data.subjects(RDF.type, None) if _in_vocabulary(s)}
    properties = _declared(data, _PROPERTY_TYPES)
    classes = _declared(data, _CLASS_TYPES)
    uses: dict[URIRef, str] = {}
    for s, p, o in data:
        if _in_vocabulary(p) and p not in typed:
            uses.setdefault(p, "property")
        if p == RDF.type and _in_vocabulary(o) and o not in typed:
            uses.setdefault(o, "class")
        for node in (s, o):
            if _in_vocabulary(node) and node not in typed:
                uses.setdefault(node, "term")
    findings = []
    for term, kind in sorted(uses.items()):
        candidates = {"property": properties, "class": classes}.get(kind, properties + classes)
        message = f"unknown {kind} {compact_iri(str(term))}{_suggestion(term, candidates)}"
        findings.append(
            Finding(
                severity="Violation",
                focus_node=str(term),
                path=None,
                message=message,
                constraint=CONSTRAINT,
                shape=None,
                file=(origins or {}).get(term),
            )
        )
    return findings


def with_unknown_terms(
    report: ValidationReport, data: Graph, origins: Mapping[Node, str] | None = None
) -> ValidationReport:
    """``report`` with unknown terms said as such, instead of as IRIs without a type.

    An unknown-term finding that replaces a shape's "no rdf:type" result keeps that shape's
    name (``shape``), so the report still says which shape caught it.
    """
    unknown = unknown_terms(data, origins)
    named = {f.focus_node for f in unknown}
    replaced = {
        f.focus_node: f
        for f in report.findings
        if f.focus_node in named and f.path == str(RDF.type)
    }
    kept = [f for f in report.findings if f.focus_node not in replaced or f.path != str(RDF.type)]
    said = [
        replace(f, shape=replaced[f.focus_node].shape) if f.focus_node in replaced else f
        for f in unknown
    ]
    return replace(report, findings=kept + said)
