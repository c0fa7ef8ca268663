"""The SPARQL behind the comparison of agreements (compare.model): one query per facet.

Each fact comes with the triple that states it (``?subject ?predicate ?value``, or the
project's and area's goal) so that the curators' judgement can be marked (service.claims).

Which resources are rows is the registry's (``service/model.py``): the classes the ontology
marks ``skg:comparedAs`` and their subclasses, asked by class hierarchy.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from rdflib import Literal as RdfLiteral

from ..model import ModelKind, Registry
from ..namespaces import sparql_prefixes
from .choice import Choice, uri

_PREFIXES: Final = sparql_prefixes(
    "skg", "rdf", "rdfs", "skos", "dct", "org", "time", "schema", "sdgo"
)


def _rows(model: Registry, first: str = "", last: str = "") -> str:
    """The rows with their kind and partnership: the resources of every class the registry
    compares (``skg:comparedAs``) and of its subclasses; a partnership compared by itself
    is its own partnership, a plan's is its own or its agreement's. ``first`` narrows the
    rows before anything else is asked (``VALUES ?row``), ``last`` filters them."""
    kinds = " ".join(
        f"({k.iri.n3()} {RdfLiteral(k.compared_as).n3()} {RdfLiteral(_role(k)).n3()})"
        for k in model.compared
    )
    return f"""
{{ SELECT DISTINCT ?row ?kind ?role ?partnership WHERE {{
    {first}
    VALUES (?class ?kind ?role) {{ {kinds} }}
    ?row a/rdfs:subClassOf* ?class .
    OPTIONAL {{ ?row skg:partnership ?own }}
    OPTIONAL {{ ?row skg:implements/skg:partnership ?implemented }}
    BIND(IF(?role = "partnership", ?row, COALESCE(?own, ?implemented)) AS ?partnership)
    {last}
}} }}
"""


def _role(kind: ModelKind) -> str:
    return "partnership" if kind.is_partnership else "plan" if kind.is_plan else "agreement"


@dataclass(frozen=True)
class Queries:
    """The comparison's queries about the chosen rows."""

    facts: str
    dates: str
    projects: str


def values(variable: str, iris: Iterable[str]) -> str:
    """``VALUES ?variable { <a> <b> }`` of checked IRIs (``choice.SAFE_IRI``)."""
    return f"VALUES ?{variable} {{ {' '.join(uri(i) for i in iris)} }}"


def queries(model: Registry, rows: Mapping[str, tuple[str, str | None]]) -> Queries:
    """The queries about exactly these rows (row → its kind and partnership), each given
    as one VALUES table, so that every part is looked up from them, never the whole graph."""
    roles = {k.compared_as: _role(k) for k in model.compared if k.compared_as}
    table = " ".join(
        f"({uri(row)} {RdfLiteral(roles[kind]).n3()} {uri(p) if p else 'UNDEF'})"
        for row, (kind, p) in rows.items()
    )
    chosen = f"VALUES (?row ?role ?partnership) {{ {table} }}"
    return Queries(
        facts=_PREFIXES
        + "SELECT DISTINCT ?row ?facet ?value ?subject ?predicate WHERE { "
        + " UNION ".join(f"{{ {chosen} {branch} }}" for branch in _FACT_BRANCHES)
        + " }",
        dates=_PREFIXES + _DATES.replace("ROWS", chosen),
        projects=_PREFIXES + _PROJECTS.replace("ROWS", chosen),
    )


def selection(model: Registry, choice: Choice) -> str:
    """The rows the choice picks (every row for no condition), with their kind and
    partnership."""
    conditions: list[str] = []
    if choice.universities:
        conditions.append(
            f"FILTER EXISTS {{ {values('u', choice.universities)} ?partnership org:hasMember ?u }}"
        )
    if choice.partners:
        conditions.append(
            f"FILTER EXISTS {{ {values('p', choice.partners)} ?partnership org:hasMember ?p }}"
        )
    if choice.partner_kinds:
        conditions.append(
            f"FILTER EXISTS {{ {values('k', choice.partner_kinds)}"
            " ?partnership org:hasMember ?m . ?m a/rdfs:subClassOf* ?k }"
        )
    if choice.year is not None:
        conditions.append(
            "FILTER EXISTS { ?row skg:signed|skg:validFrom ?d . ?d skg:earliest ?e"
            f' FILTER(STRSTARTS(STR(?e), "{choice.year:04d}-")) }}'
        )
    if choice.name:
        conditions.append(
            "FILTER EXISTS { { ?row rdfs:label|skos:altLabel ?n }"
            " UNION { ?partnership rdfs:label|skos:altLabel ?n }"
            # a literal written by rdflib (quotes and backslashes escaped): never query text
            f" FILTER(CONTAINS(LCASE(STR(?n)), {RdfLiteral(choice.name.lower()).n3()})) }}"
        )
    first = values("row", choice.agreements) if choice.agreements else ""
    rows = _rows(model, first=first, last="\n    ".join(conditions))
    return _PREFIXES + f"SELECT ?row ?kind ?partnership WHERE {{ {rows} }}"


def members(partnerships: Iterable[str]) -> str:
    """The members of these partnerships, with their classes (the choices a form offers)."""
    return _PREFIXES + (
        f"SELECT ?partnership ?member ?class WHERE {{ {values('partnership', partnerships)}"
        " ?partnership org:hasMember ?member . OPTIONAL { ?member a ?class } }"
    )


def years(rows: Iterable[str]) -> str:
    """When these rows were signed or began (the years a form offers)."""
    return _PREFIXES + (
        f"SELECT ?row ?earliest WHERE {{ {values('row', rows)}"
        " ?row skg:signed|skg:validFrom ?d . ?d skg:earliest ?earliest }"
    )


def classes(iris: Iterable[str]) -> str:
    """The classes of these resources (which partners are universities)."""
    return f"SELECT ?s ?class WHERE {{ {values('s', iris)} ?s a ?class }}"


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
#: Every simple fact of a row, as (row, facet, value) with the triple that states it
#: (?subject ?predicate: the curators' claims are looked up by it): one branch per facet,
#: each of which gets the rows' VALUES table (Oxigraph then looks each branch up from the
#: rows; with one table outside the UNION it evaluates every branch over the whole graph).
_FACT_BRANCHES: Final = (
    *(
        f'{subject} {predicate} ?value . BIND("{facet}" AS ?facet) '
        f"BIND({subject} AS ?subject) BIND({predicate} AS ?predicate)"
        for facet, subject, predicate in _SIMPLE_FACTS
    ),
    "?row skg:implements ?subject . ?subject skg:hasCollaborationArea ?value . "
    'BIND("collaboration-area" AS ?facet) BIND(skg:hasCollaborationArea AS ?predicate)',
    "?subject skg:partnership ?partnership ; skg:theme ?value . "
    'BIND("theme" AS ?facet) BIND(skg:theme AS ?predicate)',
    '?value skg:partnership ?partnership ; a schema:Event . BIND("event" AS ?facet) '
    "BIND(?value AS ?subject) BIND(skg:partnership AS ?predicate)",
    '?row dct:source ?value . BIND("source" AS ?facet)',
)

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

#: The projects of each row (a plan's: those it lists; another row's: its partnership's).
_PROJECTS: Final = """
SELECT DISTINCT ?row ?project WHERE {
  { ROWS ?project skg:listedIn ?row . ?project a skg:Project }
  UNION
  { ROWS FILTER(?role != "plan") ?project skg:partnership ?partnership . ?project a skg:Project }
}"""


def project_facts(projects: Iterable[str]) -> str:
    """The area and goals of each of these projects."""
    return _PREFIXES + (
        f"SELECT ?project ?area ?sdg WHERE {{ {values('project', projects)}"
        " OPTIONAL { ?project skg:withinArea ?area } OPTIONAL { ?project skg:sdg ?sdg } }"
    )


def area_sdgs(areas: Iterable[str]) -> str:
    """The goals these collaboration areas list."""
    return (
        _PREFIXES
        + f"SELECT ?area ?sdg WHERE {{ {values('area', areas)}"
        + " ?area a skg:CollaborationArea ; skg:sdg ?sdg }"
    )


GOALS_QUERY: Final = (
    _PREFIXES + "SELECT ?goal ?notation WHERE { ?goal a sdgo:Goal ; skos:notation ?notation }"
)

#: What the source says about goals, for each resource that records it (skg:SdgCoverage).
COVERAGE_QUERY: Final = (
    _PREFIXES + "SELECT ?resource ?coverage WHERE { ?resource skg:sdgCoverage ?coverage }"
)
