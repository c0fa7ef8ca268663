"""The SPARQL behind the comparison of agreements (compare.model): one query per facet.

Each fact comes with the triple that states it (``?subject ?predicate ?value``, or the
project's and area's goal) so that the curators' judgement can be marked (service.claims).

Which resources are rows is the registry's (``service/model.py``): the classes the ontology
marks ``skg:comparedAs`` and their subclasses, asked by class hierarchy.
"""

from dataclasses import dataclass
from functools import cache
from typing import Final

from rdflib import Literal as RdfLiteral

from ..model import ModelKind, Registry
from ..namespaces import sparql_prefixes

_PREFIXES: Final = sparql_prefixes(
    "skg", "rdf", "rdfs", "skos", "dct", "org", "time", "schema", "sdgo"
)


def _rows(model: Registry) -> str:
    """The rows with their kind and partnership: the resources of every class the registry
    compares (``skg:comparedAs``) and of its subclasses; a partnership compared by itself
    is its own partnership, a plan's is its own or its agreement's."""
    kinds = " ".join(
        f"({k.iri.n3()} {RdfLiteral(k.compared_as).n3()} {RdfLiteral(_role(k)).n3()})"
        for k in model.compared
    )
    return f"""
{{ SELECT DISTINCT ?row ?kind ?role ?partnership WHERE {{
    VALUES (?class ?kind ?role) {{ {kinds} }}
    ?row a/rdfs:subClassOf* ?class .
    OPTIONAL {{ ?row skg:partnership ?own }}
    OPTIONAL {{ ?row skg:implements/skg:partnership ?implemented }}
    BIND(IF(?role = "partnership", ?row, COALESCE(?own, ?implemented)) AS ?partnership)
}} }}
"""


def _role(kind: ModelKind) -> str:
    return "partnership" if kind.is_partnership else "plan" if kind.is_plan else "agreement"


@dataclass(frozen=True)
class Queries:
    """The comparison's queries for the kinds of one registry."""

    rows: str
    facts: str
    dates: str
    projects: str


@cache
def queries(model: Registry) -> Queries:
    """The queries for the registry's kinds (built once per registry)."""
    rows = _rows(model)
    return Queries(
        rows=_PREFIXES + f"SELECT ?row ?kind ?partnership WHERE {{ {rows} }}",
        facts=_PREFIXES + _FACTS.replace("ROWS", rows),
        dates=_PREFIXES + _DATES.replace("ROWS", rows),
        projects=_PREFIXES + _PROJECTS.replace("ROWS", rows),
    )


#: Facts stated by one triple ``subject predicate ?value``: (facet, subject, predicate).
_SIMPLE_FACTS: Final = (
    ("partner", "?partnership", "org:hasMember"),
    ("member-count", "?partnership", "skg:statedMemberCount"),
    ("unnamed-members", "?partnership", "skg:unnamedMembersNote"),
    ("history", "?partnership", "skg:historyNote"),
    ("since", "?partnership", "skg:agreementsSince"),
    ("body", "?row", "skg:governanceBody"),
    ("collaboration-area", "?row", "skg:hasCollaborationArea"),
    ("challenge", "?row", "skg:challenge"),
    ("challenge", "?partnership", "skg:challenge"),
    ("cross-cutting", "?row", "skg:crossCuttingSDG"),
    ("open-ended", "?row", "skg:openEndedValidity"),
)
_BRANCHES: Final = [
    f'{{ {subject} {predicate} ?value . BIND("{facet}" AS ?facet) '
    f"BIND({subject} AS ?subject) BIND({predicate} AS ?predicate) }}"
    for facet, subject, predicate in _SIMPLE_FACTS
] + [
    """{ ?row skg:implements ?subject . ?subject skg:hasCollaborationArea ?value .
       BIND("collaboration-area" AS ?facet) BIND(skg:hasCollaborationArea AS ?predicate) }""",
    """{ ?subject skg:partnership ?partnership ; skg:theme ?value .
       BIND("theme" AS ?facet) BIND(skg:theme AS ?predicate) }""",
    """{ ?value a schema:Event ; skg:partnership ?partnership . BIND("event" AS ?facet)
       BIND(?value AS ?subject) BIND(skg:partnership AS ?predicate) }""",
    """{ ?row dct:source ?value . BIND("source" AS ?facet) }""",
]

#: Every simple fact of a row, as (row, facet, value), with the triple that states it.
_FACTS: Final = f"""
SELECT DISTINCT ?row ?facet ?value ?subject ?predicate WHERE {{
  ROWS
  {" UNION ".join(_BRANCHES)}
}}"""

#: Signing and validity, each a time:DateTimeDescription with a label per language.
_DATES: Final = """
SELECT ?row ?property ?date ?label ?earliest ?latest ?unit WHERE {
  ROWS
  VALUES ?property { skg:signed skg:validFrom skg:validUntil }
  ?row ?property ?date .
  OPTIONAL { ?date rdfs:label ?label }
  OPTIONAL { ?date skg:earliest ?earliest }
  OPTIONAL { ?date skg:latest ?latest }
  OPTIONAL { ?date time:unitType ?unit }
}"""

#: The projects of each row, with their area and goals (a plan's: those it lists).
_PROJECTS: Final = """
SELECT DISTINCT ?row ?project ?area ?sdg WHERE {
  ROWS
  ?project a skg:Project .
  { ?project skg:listedIn ?row . BIND(true AS ?listed) }
  UNION
  { ?project skg:partnership ?partnership . BIND(false AS ?listed) }
  FILTER(?listed || ?role != "plan")
  OPTIONAL { ?project skg:withinArea ?area }
  OPTIONAL { ?project skg:sdg ?sdg }
}"""

AREA_SDGS_QUERY: Final = (
    _PREFIXES + "SELECT ?area ?sdg WHERE { ?area a skg:CollaborationArea ; skg:sdg ?sdg }"
)

GOALS_QUERY: Final = (
    _PREFIXES + "SELECT ?goal ?notation WHERE { ?goal a sdgo:Goal ; skos:notation ?notation }"
)

#: What the source says about goals, for each resource that records it (skg:SdgCoverage).
COVERAGE_QUERY: Final = (
    _PREFIXES + "SELECT ?resource ?coverage WHERE { ?resource skg:sdgCoverage ?coverage }"
)
