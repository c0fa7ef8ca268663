"""The SPARQL behind the comparison of agreements (compare.model): one query per facet."""

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

#: Every simple fact of a row, as (row, facet, value).
FACTS_QUERY: Final = (
    _PREFIXES
    + f"""
SELECT DISTINCT ?row ?facet ?value WHERE {{
  {_ROWS}
  {{ ?partnership org:hasMember ?value . BIND("partner" AS ?facet) }}
  UNION {{ ?partnership skg:statedMemberCount ?value . BIND("member-count" AS ?facet) }}
  UNION {{ ?partnership skg:unnamedMembersNote ?value . BIND("unnamed-members" AS ?facet) }}
  UNION {{ ?partnership skg:historyNote ?value . BIND("history" AS ?facet) }}
  UNION {{ ?partnership skg:agreementsSince ?value . BIND("since" AS ?facet) }}
  UNION {{ ?row skg:governanceBody ?value . BIND("body" AS ?facet) }}
  UNION {{ ?row skg:hasCollaborationArea ?value . BIND("collaboration-area" AS ?facet) }}
  UNION {{ ?row skg:implements/skg:hasCollaborationArea ?value .
           BIND("collaboration-area" AS ?facet) }}
  UNION {{ ?row skg:challenge ?value . BIND("challenge" AS ?facet) }}
  UNION {{ ?partnership skg:challenge ?value . BIND("challenge" AS ?facet) }}
  UNION {{ ?event skg:partnership ?partnership ; skg:theme ?value .
           BIND("theme" AS ?facet) }}
  UNION {{ ?value a schema:Event ; skg:partnership ?partnership . BIND("event" AS ?facet) }}
  UNION {{ ?row skg:crossCuttingSDG ?value . BIND("cross-cutting" AS ?facet) }}
  UNION {{ ?row skg:openEndedValidity ?value . BIND("open-ended" AS ?facet) }}
  UNION {{ ?row dct:source/dct:identifier ?value . BIND("source" AS ?facet) }}
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
