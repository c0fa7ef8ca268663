"""Facts curated from the five sources, asserted through SPARQL on the loaded graph.

Every expected value here was read off the source documents in shared/sources by hand
(file named in each test), not computed from the data.
"""

import re

import pytest
from rdflib import Graph, Literal

from service.loading import load_graph
from service.paths import default_graph_files

PREFIXES = """
PREFIX skg: <https://w3id.org/samverkan-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
BASE = "https://w3id.org/samverkan-kg/"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_graph(default_graph_files())


def rows(graph: Graph, query: str) -> set[tuple[str, ...]]:
    """Run a query; each row as a tuple of strings, IRIs under the base made relative."""
    result = graph.query(PREFIXES + query)
    return {
        tuple("" if v is None else str(v).removeprefix(BASE) for v in row)  # type: ignore[union-attr]
        for row in result
    }


def sdg_numbers(graph: Graph, subject_query: str) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for subject, number in rows(graph, subject_query):
        found.setdefault(subject, set()).add(int(number))
    return found


# 001, section 3: the three areas and the goals listed under each.
def test_linkoping_areas_and_their_sdgs(graph: Graph) -> None:
    found = sdg_numbers(
        graph,
        """SELECT ?area ?n WHERE {
             <https://w3id.org/samverkan-kg/agreement/liu-linkopings-kommun-2021>
                 skg:hasCollaborationArea ?area .
             ?area skg:sdg/skos:notation ?n }""",
    )
    assert found == {
        "area/lk-hallbar-stadsutveckling": {5, 7, 10, 11, 15, 16, 17},
        "area/lk-hallbar-tillvaxt": {5, 8, 9, 12, 17},
        "area/lk-hallbar-valfard": {3, 4, 5, 10, 17},
    }


# 001, section 4: the ten activities, their "Hållbarhetsmål" and their area headings.
EXPECTED_PROJECTS = {
    "project/klimatneutrala-linkoping-2030": ("lk-hallbar-stadsutveckling", {5, 7, 11, 17}),
    "project/fordjupad-oversiktsplan-stangebro": ("lk-hallbar-stadsutveckling", {5, 11, 17}),
    "project/studentlivet-se": ("lk-hallbar-stadsutveckling", {5, 10, 11, 16, 17}),
    "project/studentstrategi": ("lk-hallbar-stadsutveckling", {5, 10, 11, 16, 17}),
    "project/reversed-mentorship": ("lk-hallbar-tillvaxt", {5, 8, 9, 17}),
    "project/strategiskt-forhallningssatt-utvecklingsmiljoer": ("lk-hallbar-tillvaxt", {5, 9, 17}),
    "project/samverkan-naringsliv-forskare-studenter": ("lk-hallbar-tillvaxt", {5, 8, 9, 17}),
    "project/ulf": ("lk-hallbar-valfard", {4, 5, 10, 17}),
    "project/mentorverksamhet": ("lk-hallbar-valfard", {3, 4, 5, 10, 17}),
    "project/fou-centrum-vard-omsorg-socialt-arbete": ("lk-hallbar-valfard", {3, 4, 5, 10, 17}),
}


def test_action_plan_lists_ten_activities_with_area_and_sdgs(graph: Graph) -> None:
    areas = rows(
        graph,
        """SELECT ?p ?area WHERE {
             ?p skg:listedIn <https://w3id.org/samverkan-kg/action-plan/liu-linkopings-kommun-2021-2024> ;
                skg:withinArea ?area }""",
    )
    assert areas == {(p, "area/" + a) for p, (a, _) in EXPECTED_PROJECTS.items()}
    sdgs = sdg_numbers(
        graph,
        """SELECT ?p ?n WHERE { ?p skg:listedIn ?plan ; skg:sdg/skos:notation ?n }""",
    )
    assert sdgs == {p: s for p, (_, s) in EXPECTED_PROJECTS.items()}


def test_projects_per_area(graph: Graph) -> None:
    counts = rows(
        graph,
        """SELECT ?area (COUNT(?p) AS ?n) WHERE { ?p skg:withinArea ?area } GROUP BY ?area""",
    )
    assert counts == {
        ("area/lk-hallbar-stadsutveckling", "4"),
        ("area/lk-hallbar-tillvaxt", "3"),
        ("area/lk-hallbar-valfard", "3"),
    }


# 001: "Start:" lines, at the precision given; two activities give no start at all.
def test_project_starts_keep_the_precision_of_the_source(graph: Graph) -> None:
    starts = rows(
        graph,
        """SELECT ?p ?unit ?year ?month ?season WHERE {
             ?p skg:listedIn ?plan ; skg:start ?s .
             ?s time:unitType ?unit ; time:year ?year .
             OPTIONAL { ?s time:month ?month } OPTIONAL { ?s skg:season ?season } }""",
    )
    month, season = "http://www.w3.org/2006/time#unitMonth", "ontology#unitSeason"
    autumn = "ontology#autumn"
    assert starts == {
        ("project/klimatneutrala-linkoping-2030", month, "2021", "--10", ""),
        ("project/fordjupad-oversiktsplan-stangebro", month, "2022", "--01", ""),
        ("project/studentlivet-se", month, "2021", "--08", ""),
        ("project/studentstrategi", month, "2022", "--01", ""),
        ("project/reversed-mentorship", season, "2021", "", autumn),
        ("project/strategiskt-forhallningssatt-utvecklingsmiljoer", season, "2021", "", autumn),
        ("project/samverkan-naringsliv-forskare-studenter", season, "2021", "", autumn),
        ("project/ulf", month, "2021", "--08", ""),
    }
    no_start = rows(
        graph,
        """SELECT ?p WHERE { ?p skg:listedIn ?plan FILTER NOT EXISTS { ?p skg:start ?s } }""",
    )
    assert no_start == {
        ("project/mentorverksamhet",),
        ("project/fou-centrum-vard-omsorg-socialt-arbete",),
    }


def test_each_date_description_bounds_are_ordered(graph: Graph) -> None:
    bad = rows(
        graph,
        """SELECT ?d WHERE { ?d skg:earliest ?e ; skg:latest ?l FILTER(?l < ?e) }""",
    )
    assert bad == set()


# 001 "Ansvariga": the responsible units on each side.
def test_responsible_units(graph: Graph) -> None:
    found = rows(
        graph,
        """SELECT ?p ?u WHERE { ?p skg:listedIn ?plan ; skg:responsibleUnit ?u }""",
    )
    expected = {
        "klimatneutrala-linkoping-2030": {
            "unit/lk-hallbarhetsenheten",
            "unit/lk-naringsliv-och-tillvaxt",
            "unit/liu-tema-teknik-och-social-forandring",
        },
        "fordjupad-oversiktsplan-stangebro": {
            "unit/lk-miljo-och-samhallsbyggnadsforvaltningen",
            "unit/liu-tema-teknik-och-social-forandring",
        },
        "studentlivet-se": {"organisation/karservice", "unit/lk-kommunikationsstaben"},
        "studentstrategi": {"unit/lk-kommunikationsstaben", "unit/liu-studentavdelningen"},
        "reversed-mentorship": {"unit/lk-linkoping-science-park", "unit/liu-samverkansenheten"},
        "strategiskt-forhallningssatt-utvecklingsmiljoer": {
            "unit/lk-naringsliv-och-tillvaxt",
            "unit/liu-samverkansenheten",
        },
        "samverkan-naringsliv-forskare-studenter": {
            "unit/lk-linkoping-science-park",
            "unit/lk-naringsliv-och-tillvaxt",
            "unit/liu-samverkansenheten",
        },
        "ulf": {"unit/lk-utbildnings-och-arbetsmarknadsforvaltningen", "unit/liu-tema-barn"},
        "mentorverksamhet": {
            "unit/lk-utbildningsforvaltningen",
            "unit/liu-planerings-och-ekonomiavdelningen",
        },
        "fou-centrum-vard-omsorg-socialt-arbete": {
            "unit/lk-social-och-omsorgsforvaltningen",
            "partner/linkopings-universitet",
        },
    }
    assert found == {("project/" + p, u) for p, units in expected.items() for u in units}


# 001: council's task and reporting for every activity; two report at a stated time.
def test_council_task_and_reporting(graph: Graph) -> None:
    missing = rows(
        graph,
        """SELECT ?p WHERE { ?p skg:listedIn ?plan
             FILTER NOT EXISTS { ?p skg:councilTask ?t ; skg:reporting ?r ; skg:statusText ?s } }""",
    )
    assert missing == set()
    due = rows(
        graph,
        """SELECT ?p ?label WHERE { ?p skg:reportingDue/rdfs:label ?label FILTER(lang(?label) = "sv") }""",
    )
    assert due == {
        ("project/strategiskt-forhallningssatt-utvecklingsmiljoer", "våren 2023"),
        ("project/ulf", "hösten 2022"),
    }


# 000, 002, 004: what each agreement's page says about signing, validity and history.
def test_agreement_dates_and_unknowns(graph: Graph) -> None:
    found = rows(
        graph,
        """SELECT ?a ?signed ?from ?until WHERE {
             ?a a skg:CollaborationAgreement ; skg:signed/rdfs:label ?signed
             FILTER(lang(?signed) = "sv")
             OPTIONAL { ?a skg:validFrom/rdfs:label ?from FILTER(lang(?from) = "sv") }
             OPTIONAL { ?a skg:validUntil/rdfs:label ?until FILTER(lang(?until) = "sv") } }""",
    )
    assert found == {
        ("agreement/liu-linkopings-kommun-2021", "2021", "2021", "2024"),
        ("agreement/liu-norrkopings-kommun-2017", "2017", "", "december 2020"),
        ("agreement/liu-region-ostergotland-2017", "våren 2017", "", ""),
        # the register's stored pages (data/workbooks/): days of signing, January 2018 as the
        # start of the Umeå partnership, the Malmö agreement's end year
        ("agreement/umu-umea-kommun-2018", "16 januari 2018", "januari 2018", ""),
        ("agreement/umu-region-vasterbotten-2019", "15 januari 2019", "", ""),
        ("agreement/mau-malmo-stad-2021", "23 november 2021", "", "2024"),
        ("agreement/umu-skelleftea-kommun-2020", "december 2020", "", ""),
        ("agreement/uu-region-gotland-2013", "6 september 2013", "", ""),
    }
    since = rows(graph, "SELECT ?p ?y WHERE { ?p skg:agreementsSince ?y }")
    assert since == {("partnership/liu-norrkopings-kommun", "2002")}


# 002: Samverkansgruppen's member organisations, development and collaboration areas.
def test_norrkoping_group_and_areas(graph: Graph) -> None:
    members = rows(
        graph,
        """SELECT ?m WHERE { <https://w3id.org/samverkan-kg/body/samverkansgruppen-norrkoping>
             org:hasMember ?m }""",
    )
    assert members == {
        ("partner/linkopings-universitet",),
        ("partner/norrkopings-kommun",),
        ("organisation/stuff",),
        ("organisation/consensus",),
        ("organisation/lintek",),
    }
    areas = rows(
        graph,
        """SELECT ?label WHERE {
             <https://w3id.org/samverkan-kg/agreement/liu-norrkopings-kommun-2017>
                 skg:hasCollaborationArea/rdfs:label ?label FILTER(lang(?label) = "sv") }""",
    )
    assert areas == {("Bildning",), ("Hållbar tillväxt",), ("Välfärd",)}
    counts = rows(
        graph,
        """SELECT (COUNT(DISTINCT ?d) AS ?dev) (COUNT(DISTINCT ?o) AS ?obj) WHERE {
             <https://w3id.org/samverkan-kg/agreement/liu-norrkopings-kommun-2017>
                 skg:developmentArea ?d ; skg:objective ?o }""",
    )
    assert counts == {("4", "3")}


def test_norrkoping_2018_events(graph: Graph) -> None:
    events = rows(
        graph,
        """SELECT ?e ?start ?end WHERE {
             ?e skg:partnership <https://w3id.org/samverkan-kg/partnership/liu-norrkopings-kommun> ;
                schema:startDate ?start ; schema:endDate ?end }""",
    )
    assert events == {
        ("event/forskningsfestivalen-2018", "2018-11-08T09:30:00", "2018-11-08T16:30:00"),
        ("event/spotlight-valfard-2018", "2018-11-16T09:00:00", "2018-11-16T15:00:00"),
    }


# 004: the 2017 agreement's areas ("förutom hälso- och sjukvård – samhällsbyggnad,
# kompetensförsörjning och företagande").
def test_region_agreement_areas(graph: Graph) -> None:
    areas = rows(
        graph,
        """SELECT ?label WHERE {
             <https://w3id.org/samverkan-kg/agreement/liu-region-ostergotland-2017>
                 skg:hasCollaborationArea/rdfs:label ?label FILTER(lang(?label) = "sv") }""",
    )
    assert areas == {
        ("Hälso- och sjukvård",),
        ("Samhällsbyggnad",),
        ("Kompetensförsörjning",),
        ("Företagande",),
    }


# 003: a network, no signed agreement; 36 municipalities stated but not named.
def test_linnekommuner_is_a_network_with_unnamed_municipalities(graph: Graph) -> None:
    network = "<https://w3id.org/samverkan-kg/partnership/linnekommuner-i-samverkan>"
    assert rows(
        graph, f"SELECT ?n WHERE {{ {network} a skg:Network ; skg:statedMemberCount ?n }}"
    ) == {("36",)}
    assert (
        rows(
            graph,
            f"SELECT ?a WHERE {{ ?a skg:partnership {network} ; a skg:CollaborationAgreement }}",
        )
        == set()
    )
    assert (
        rows(graph, f"SELECT ?m WHERE {{ {network} org:hasMember ?m . ?m a skg:Municipality }}")
        == set()
    )
    themes = rows(
        graph,
        """SELECT ?label WHERE { <https://w3id.org/samverkan-kg/event/linnekommuner-konferens-2023>
             skg:theme/rdfs:label ?label FILTER(lang(?label) = "sv") }""",
    )
    assert themes == {
        ("Hållbar utveckling",),
        ("Demokratiutveckling",),
        ("Skolutveckling",),
        ("Tillits- och trygghetsfrågor",),
        ("Näringslivsutveckling",),
    }
    conferences = rows(
        graph,
        f"""SELECT ?e ?earliest ?latest WHERE {{ ?e skg:partnership {network} ;
              skg:date [ skg:earliest ?earliest ; skg:latest ?latest ] }}""",
    )
    assert conferences == {
        ("event/linnekommuner-konferens-2023", "2023-11-01", "2023-11-30"),
        ("event/linnekommuner-konferens-2024", "2024-10-22", "2024-10-22"),
    }


def test_seventeen_sdgs_with_swedish_and_english_labels(graph: Graph) -> None:
    found = rows(
        graph,
        """SELECT ?g ?sv ?en WHERE { ?g a <http://metadata.un.org/sdg/ontology#Goal> ;
             rdfs:label ?sv, ?en FILTER(lang(?sv) = "sv" && lang(?en) = "en") }""",
    )
    assert len(found) == 17
    assert ("http://metadata.un.org/sdg/5", "Jämställdhet", "Gender equality") in found


def test_every_minted_resource_names_its_source(graph: Graph) -> None:
    unsourced = rows(
        graph,
        """SELECT ?s WHERE { ?s a ?type FILTER(isIRI(?s))
             FILTER(STRSTARTS(STR(?s), "https://w3id.org/samverkan-kg/"))
             FILTER(!STRSTARTS(STR(?s), "https://w3id.org/samverkan-kg/ontology"))
             FILTER NOT EXISTS { ?s a skg:SourceDocument }
             # The curators author the claims; evidence names its source as its target's.
             FILTER NOT EXISTS { ?s a <http://www.w3.org/ns/prov#Agent> }
             FILTER NOT EXISTS { ?s a <http://www.w3.org/ns/oa#Annotation> }
             FILTER NOT EXISTS { ?s dct:source ?doc . ?doc a skg:SourceDocument } }""",
    )
    assert unsourced == set()


def test_no_telephone_numbers_are_published(graph: Graph) -> None:
    phone = re.compile(r"\b0\d{1,3}-\d{2} ?\d{2} ?\d{2}\b")
    texts = [str(o) for o in graph.objects() if isinstance(o, Literal)]
    assert texts and not [t for t in texts if phone.search(t)]
