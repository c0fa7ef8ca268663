"""A small graph shaped like the curated data, and saved questions of every form and type.

Shared by tests/questions/test_queries.py, test_query_page.py, test_query_cli.py and
test_query_page_browser.py (the curated data/ is being written and may change).
"""

from pathlib import Path

BASE = "https://w3id.org/samverkan-kg/"
LIU = BASE + "partner/liu"
KOMMUN = BASE + "partner/linkopings-kommun"
REGION = BASE + "partner/region-ostergotland"
AGREEMENT = BASE + "agreement/liu-kommun-2021"
PROJECT = BASE + "project/ulf"
SDG5 = "http://metadata.un.org/sdg/5"
SDG11 = "http://metadata.un.org/sdg/11"

TURTLE = """\
@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .
@prefix partner: <https://w3id.org/samverkan-kg/partner/> .
@prefix agr: <https://w3id.org/samverkan-kg/agreement/> .
@prefix proj: <https://w3id.org/samverkan-kg/project/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sdg: <http://metadata.un.org/sdg/> .

skg:University rdfs:label "universitet"@sv, "university"@en .
skg:Municipality rdfs:label "kommun"@sv, "municipality"@en .

partner:liu a skg:University ;
    rdfs:label "Linköpings universitet"@sv, "Linköping University"@en .
partner:linkopings-kommun a skg:Municipality ;
    rdfs:label "Linköpings kommun"@sv, "Linköping Municipality"@en .
partner:region-ostergotland a skg:Region ;
    skos:prefLabel "Region Östergötland"@sv .

agr:liu-kommun-2021 a skg:CollaborationAgreement ;
    dct:title "Avtal om strategisk samverkan"@sv, "Agreement on strategic collaboration"@en ;
    skg:signed partner:liu, partner:linkopings-kommun ;
    dct:issued "2021-03-15"^^xsd:date ;
    skg:sdg sdg:5, sdg:11 .

proj:ulf a skg:Project ;
    rdfs:label "Utbildning, lärande, forskning"@sv ;
    skg:sdg sdg:11 ;
    skg:start [ a time:DateTimeDescription ; time:year "2021"^^xsd:gYear ;
                rdfs:label "Augusti 2021"@sv ] .

sdg:5 rdfs:label "Jämställdhet"@sv, "Gender equality"@en .
sdg:11 rdfs:label "Hållbara städer och samhällen"@sv, "Sustainable cities and communities"@en .
"""

PREFIXES = """\
PREFIX skg: <https://w3id.org/samverkan-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

#: Saved questions covering every form and every parameter type.
QUESTIONS = {
    "agreements-by-sdg.rq": f"""\
# title@sv: Vilka avtal nämner ett visst globalt mål?
# title@en: Which agreements name a given SDG?
# description@sv: Avtal och deras parter för ett globalt mål.
# description@en: Agreements and their parties for one SDG.
# param: sdg iri "Ett globalt mål / an SDG" default=http://metadata.un.org/sdg/5
{PREFIXES}
SELECT ?agreement ?party ?sdg
WHERE {{ ?agreement skg:sdg ?sdg ; skg:signed ?party . }}
ORDER BY ?party
""",
    "issued-after.rq": f"""\
# title@sv: Avtal utfärdade efter ett datum
# title@en: Agreements issued after a date
# description@sv: Avtal med dct:issued efter datumet.
# description@en: Agreements with dct:issued after the date.
# param: after date "Datum / date" default=2020-01-01
{PREFIXES}
SELECT ?agreement ?issued ?after
WHERE {{ ?agreement dct:issued ?issued . FILTER(?issued > ?after) }}
""",
    "started-in-year.rq": f"""\
# title@sv: Startade något ett visst år?
# title@en: Did anything start in a given year?
# description@sv: Sant om något projekt startade det året.
# description@en: True if a project started in that year.
# param: year year "År / year"
{PREFIXES}
ASK {{
  VALUES ?year {{ UNDEF }}
  ?project skg:start/time:year ?y .
  FILTER(xsd:integer(STR(?y)) = ?year)
}}
""",
    "labels-in.rq": f"""\
# title@sv: Namn på ett språk
# title@en: Names in one language
# description@sv: Alla rdfs:label på språket, högst så många.
# description@en: Every rdfs:label in the language, at most so many.
# param: language lang "Språk / language" default=sv
# param: text string "Namnet innehåller / the name contains" optional
# param: min integer "Minsta längd / shortest length" default=0
{PREFIXES}
SELECT ?thing ?label ?language ?text ?min
WHERE {{
  ?thing rdfs:label ?label .
  FILTER(LANG(?label) = ?language)
  FILTER(CONTAINS(STR(?label), COALESCE(?text, "")))
  FILTER(STRLEN(STR(?label)) >= ?min)
}}
ORDER BY ?label
""",
    "parties-graph.rq": f"""\
# title@sv: Avtalens parter som graf
# title@en: The agreements' parties as a graph
# description@sv: Ett avtal och dess parter.
# description@en: An agreement and its parties.
# param: agreement iri "Avtalet / the agreement" default=https://w3id.org/samverkan-kg/agreement/liu-kommun-2021
{PREFIXES}
CONSTRUCT {{ ?agreement skg:signed ?party . ?party rdfs:label ?label }}
WHERE {{ ?agreement skg:signed ?party . ?party rdfs:label ?label }}
""",
}


def write_graph(folder: Path) -> Path:
    path = folder / "sample.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    return path


def write_questions(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in QUESTIONS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
