"""The SPARQL behind the comparison of agreements (compare.model): one query per facet.

Each fact comes with the triple that states it (``?subject ?predicate ?value``, or the
project's and area's goal) so that the curators' judgement can be marked (service.claims).
"""

from typing import Final

from ..namespaces import sparql_prefixes

_PREFIXES: Final = sparql_prefixes(
    "skg", "rdf", "rdfs", "skos", "dct", "org", "time", "schema", "sdgo"
)

#: The rows with their kind and partnership (a plan's is its own or its agreement's).
_ROWS: Final = """
{ SELECT ?row ?kind ?partnership WHERE {
    { ?row a skg:CollaborationAgreement . BIND("agreement" AS ?kind)
      OPTIONAL { ?row skg:partnership ?partnership } }
    UNION
    { ?row a skg:ActionPlan . BIND("action-plan" AS ?kind)
      OPTIONAL { ?row skg:partnership ?own }
      OPTIONAL { ?row skg:implements/skg:partnership ?implemented }
      BIND(COALESCE(?own, ?implemented) AS ?partnership) }
    UNION
    { ?row a skg:Network . BIND("network" AS ?kind) BIND(?row AS ?partnership) }
} }
"""

ROWS_QUERY: Final = _PREFIXES + f"SELECT ?row ?kind ?partnership WHERE {{ {_ROWS} }}"

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
FACTS_QUERY: Final = (
    _PREFIXES
    + f"""
SELECT DISTINCT ?row ?facet ?value ?subject ?predicate WHERE {{
  {_ROWS}
  {" UNION ".join(_BRANCHES)}
}}"""
)

#: Signing and validity, each a time:DateTimeDescription with a label per language.
DATES_QUERY: Final = (
    _PREFIXES
    + f"""
SELECT ?row ?property ?date ?label ?earliest ?latest ?unit WHERE {{
  {_ROWS}
  VALUES ?property {{ skg:signed skg:validFrom skg:validUntil }}
  ?row ?property ?date .
  OPTIONAL {{ ?date rdfs:label ?label }}
  OPTIONAL {{ ?date skg:earliest ?earliest }}
  OPTIONAL {{ ?date skg:latest ?latest }}
  OPTIONAL {{ ?date time:unitType ?unit }}
}}"""
)

#: The projects of each row, with their area and goals.
PROJECTS_QUERY: Final = (
    _PREFIXES
    + f"""
SELECT DISTINCT ?row ?project ?area ?sdg WHERE {{
  {_ROWS}
  ?project a skg:Project .
  {{ ?project skg:listedIn ?row . BIND(true AS ?listed) }}
  UNION
  {{ ?project skg:partnership ?partnership . BIND(false AS ?listed) }}
  FILTER(?listed || ?kind != "action-plan")
  OPTIONAL {{ ?project skg:withinArea ?area }}
  OPTIONAL {{ ?project skg:sdg ?sdg }}
}}"""
)

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
