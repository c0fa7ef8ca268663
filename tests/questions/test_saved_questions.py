"""The saved questions in queries/ answer right on the curated graph.

Each question runs through ``service.questions.library`` on both store backends (which must agree) and
its full answer, the exact set of rows, is compared with what the source documents in
``../shared/sources`` say (read in tests/source_facts.py), never with the curated data.
A few questions also run over HTTP through the real app and through the ``samverkan`` CLI.
"""

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import live
import pytest
import source_facts as src
from answers import Row, asker, plain
from engines import EMBEDDED
from fastapi.testclient import TestClient

from service.app import create_app
from service.build import open_store
from service.paths import default_graph_files
from service.questions.library import ParameterError, SavedQuery, load_library
from service.settings import Settings
from service.store.base import SelectResult, Store

BACKENDS = EMBEDDED
BASE = "https://w3id.org/samverkan-kg/"
SDG = "http://metadata.un.org/sdg/"
#: The two examples that came with the question machinery; tests/test_queries.py covers them.
MACHINERY_EXAMPLES = frozenset({"classes-and-counts", "labels-of-resource"})


# --- fixtures and helpers --------------------------------------------------------------------


@pytest.fixture(scope="module")
def stores(curated_stores: dict[str, Store]) -> dict[str, Store]:
    """The curated graph in each backend."""
    return curated_stores


@pytest.fixture(scope="module")
def library() -> dict[str, SavedQuery]:
    return load_library()


@pytest.fixture(scope="module")
def ask(stores: dict[str, Store], library: dict[str, SavedQuery]) -> Callable[..., set[Row]]:
    return asker(stores, library)


def project_sdgs(sources: src.Sources) -> dict[str, frozenset[int]]:
    return {p: row.sdgs for p, row in sources.plan_rows.items()}


def all_responsible(project: str) -> tuple[str, ...]:
    public, university, others = src.RESPONSIBLE[project]
    return public + university + others


def slug(name: str) -> str:
    """The curated IRIs' convention for names: lower case, å/ä → a, ö → o, words joined by -."""
    text = name.lower().translate(str.maketrans("åäöé", "aaoe"))
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


# --- 1-6: SDGs ---------------------------------------------------------------------------------


def test_sdgs_per_agreement(ask: Callable[..., set[Row]], sources: src.Sources) -> None:
    areas = sources.area_sdgs
    projects = project_sdgs(sources)
    goals = set().union(*areas.values(), *projects.values(), src.CROSS_CUTTING_SDGS)
    expected: set[Row] = {
        (
            src.AGR_LK,
            str(n),
            str(n),
            sum(n in s for s in areas.values()),
            sum(n in s for s in projects.values()),
            int(n in src.CROSS_CUTTING_SDGS),
        )
        for n in goals
    }
    # Norrköping and Region Östergötland: the sources give no goals at all.
    expected |= {(src.AGR_NK, None, None, 0, 0, 0), (src.AGR_RO, None, None, 0, 0, 0)}
    # Nor do the register's pages: each of its agreements is listed without goals.
    expected |= {(a, None, None, 0, 0, 0) for a in src.REGISTER_VALIDITY}
    assert ask("sdgs-per-agreement") == expected
    # Spot checks in words: goal 5 is in all three Linköping areas and all ten activities;
    # goals 12 and 15 are listed by an area but by no activity.
    assert (src.AGR_LK, "5", "5", 3, 10, 1) in expected
    assert (src.AGR_LK, "15", "15", 1, 0, 0) in expected


def test_sdgs_per_area(ask: Callable[..., set[Row]], sources: src.Sources) -> None:
    expected: set[Row] = set()
    for agreement, areas in src.ALL_AREAS.items():
        for area in areas:
            goals = sources.area_sdgs.get(area, frozenset())
            expected |= {(agreement, area, str(n), str(n)) for n in goals}
            if not goals:
                expected.add((agreement, area, None, None))
    assert ask("sdgs-per-area") == expected
    # the seeds' rows, then the register's 23 areas (2 + 9 + 3 + 4 + 5), none with goals
    assert len(expected) == 7 + 5 + 5 + 3 + 4 + 23


@pytest.mark.parametrize("agreement", [src.AGR_LK, src.AGR_NK, src.AGR_RO])
def test_sdgs_shared_by_all_areas(
    ask: Callable[..., set[Row]], sources: src.Sources, agreement: str
) -> None:
    goal_sets = [sources.area_sdgs.get(area, frozenset()) for area in src.AREAS[agreement]]
    shared = frozenset.intersection(*goal_sets)
    expected = {(agreement, str(n), str(n)) for n in shared}
    assert ask("sdgs-shared-by-all-areas", agreement=f"id:agreement/{agreement}") == expected
    if agreement == src.AGR_LK:
        # The plan itself calls goals 5 and 17 cross-cutting for all its areas.
        assert shared == src.CROSS_CUTTING_SDGS
        assert ask("sdgs-shared-by-all-areas") == expected  # the default


@pytest.mark.parametrize("goal", range(1, 18))
def test_projects_by_sdg(ask: Callable[..., set[Row]], sources: src.Sources, goal: int) -> None:
    expected = {
        (str(goal), p, row.area, src.PS_LK)
        for p, row in sources.plan_rows.items()
        if goal in row.sdgs
    }
    value = f"sdg:{goal}" if goal % 2 else f"{SDG}{goal}"  # prefixed and full IRIs both work
    assert ask("projects-by-sdg", sdg=value) == expected


def test_projects_by_sdg_default_is_goal_11(ask: Callable[..., set[Row]]) -> None:
    assert {row[1] for row in ask("projects-by-sdg")} == {
        "klimatneutrala-linkoping-2030",
        "fordjupad-oversiktsplan-stangebro",
        "studentlivet-se",
        "studentstrategi",
    }


def test_projects_per_sdg(ask: Callable[..., set[Row]], sources: src.Sources) -> None:
    projects = project_sdgs(sources)
    areas = sources.area_sdgs
    expected = {
        (
            str(n),
            str(n),
            sum(n in s for s in projects.values()),
            sum(n in s for s in areas.values()),
        )
        for n in range(1, 18)
    }
    answer = ask("projects-per-sdg")
    assert answer == expected
    assert len(answer) == 17
    assert {row[0] for row in answer if row[2] == 0} == {"1", "2", "6", "12", "13", "14", "15"}


def test_sdg_gaps_per_area(ask: Callable[..., set[Row]], sources: src.Sources) -> None:
    expected: set[Row] = set()
    for area, goals in sources.area_sdgs.items():
        rows = [row for row in sources.plan_rows.values() if row.area == area]
        covered = set().union(*(row.sdgs for row in rows))
        expected |= {(area, str(n), str(n), len(rows)) for n in goals - covered}
    assert ask("sdg-gaps-per-area") == expected
    # In words: goal 15 in urban development and goal 12 in growth have no activity.
    assert expected == {
        ("lk-hallbar-stadsutveckling", "15", "15", 4),
        ("lk-hallbar-tillvaxt", "12", "12", 3),
    }


# --- 7-8: responsible units --------------------------------------------------------------------


def _side_and_partner(responsible: str, side: str) -> tuple[str, str | None]:
    if responsible in src.WHOLE_PARTNERS:
        return side, responsible
    if responsible in src.UNITS:
        return side, src.UNITS[responsible][0]
    return "other", None


def test_responsible_units_by_side(ask: Callable[..., set[Row]]) -> None:
    counts: Counter[tuple[str, str, str | None]] = Counter()
    for public, university, others in src.RESPONSIBLE.values():
        for side, names in (("public", public), ("university", university), ("other", others)):
            for name in names:
                found_side, partner = _side_and_partner(name, side)
                counts[found_side, name, partner] += 1
    expected = {(side, name, partner, n) for (side, name, partner), n in counts.items()}
    assert ask("responsible-units-by-side") == expected
    # The most-used unit on each side.
    assert ("public", "lk-naringsliv-och-tillvaxt", src.LK, 3) in expected
    assert ("university", "liu-samverkansenheten", src.LIU, 3) in expected


def test_projects_without_university_unit(ask: Callable[..., set[Row]]) -> None:
    expected: set[Row] = set()
    for project, (_, university, _) in src.RESPONSIBLE.items():
        units = [u for u in university if u not in src.WHOLE_PARTNERS]
        if not units:
            whole = any(u in src.WHOLE_PARTNERS for u in university)
            expected.add((project, src.PS_LK, whole, bool(all_responsible(project))))
    expected |= {(p, ps, False, False) for p, ps in src.WEB_ONLY_PROJECTS.items()}
    assert ask("projects-without-university-unit") == expected
    assert {row[0] for row in expected} == {
        "studentlivet-se",  # "Kårservice, LK (Kommunikationsstaben)"
        "fou-centrum-vard-omsorg-socialt-arbete",  # "LiU (Aktuella forskarlag, ...)"
        "studentmedarbetare",  # web page example, no one named
    }


# --- 8-11: time ----------------------------------------------------------------------------------

IN_FORCE = {
    "2016-06-01": {src.NETWORK: "possible"},
    "2017-03-01": {src.AGR_NK: "possible", src.AGR_RO: "possible", src.NETWORK: "possible"},
    "2018-06-01": {src.AGR_NK: "certain", src.AGR_RO: "possible", src.NETWORK: "possible"},
    "2020-12-15": {src.AGR_NK: "certain", src.AGR_RO: "possible", src.NETWORK: "possible"},
    "2021-03-01": {
        src.AGR_LK: "possible",
        src.PLAN: "possible",
        src.AGR_RO: "possible",
        src.NETWORK: "possible",
    },
    "2022-06-01": {
        src.AGR_LK: "certain",
        src.PLAN: "certain",
        src.AGR_RO: "possible",
        src.NETWORK: "possible",
    },
    "2024-06-01": {
        src.AGR_LK: "certain",
        src.PLAN: "certain",
        src.AGR_RO: "possible",
        src.NETWORK: "possible",
    },
    "2025-01-01": {src.AGR_RO: "possible", src.NETWORK: "possible"},
}
#: The register's agreements on the same days: an agreement with no known start (the renewals,
#: whose pages give no day) or no known end (Region Västerbotten, Skellefteå, Gotland) is only
#: ever "possible"; Umeå kommun's, valid "till dess det sägs upp" from January 2018, is certain
#: from then on; Malmö's, signed 23 November 2021 and valid until 2024, is certain in between.
_REGISTER_SINCE = {
    src.AGR_UU: "2016-06-01",
    src.AGR_NK_2021: "2016-06-01",
    src.AGR_LK_2025: "2016-06-01",
    src.AGR_UMU_RV: "2020-12-15",
    src.AGR_UMU_SK: "2020-12-15",
}
for _day, _in_force in IN_FORCE.items():
    _in_force.update({a: "possible" for a, since in _REGISTER_SINCE.items() if since <= _day})
    if _day >= "2018-06-01":
        _in_force[src.AGR_UMU_UK] = "certain"
    if "2022-06-01" <= _day <= "2024-06-01":
        _in_force[src.AGR_MAU] = "certain"


def _certainty(validity: src.Validity, day: date) -> str | None:
    """The documented rule, applied to the sources' own times."""
    start, end = validity.start, validity.end
    if (start and start[0] > day) or (end and end[1] < day):
        return None
    # "until December 2020" is inclusive of the whole stated period: a known end is certain;
    # so is a validity "until terminated" (the source's words) once it has certainly started.
    known_end = end or validity.open_ended
    return "certain" if start and known_end and start[1] <= day else "possible"


@pytest.mark.parametrize("day", sorted(IN_FORCE))
def test_in_force_on_date(ask: Callable[..., set[Row]], day: str) -> None:
    when = date.fromisoformat(day)
    ruled = {
        resource: _certainty(validity, when)
        for resource, validity in src.ALL_VALIDITY.items()
        if _certainty(validity, when)
    }
    assert ruled == IN_FORCE[day]
    expected = set()
    for resource, certainty in ruled.items():
        v = src.ALL_VALIDITY[resource]
        start, end = v.start or (None, None), v.end or (None, None)
        # Only the Umeå kommun agreement is valid "until terminated" (openEnded bound).
        expected.add((resource, v.kind, v.partnership, when, *start, *end, v.open_ended, certainty))
    assert ask("in-force-on-date", date=day) == expected


def test_in_force_on_date_refuses_a_non_date(library: dict[str, SavedQuery]) -> None:
    with pytest.raises(ParameterError, match="not a date"):
        library["in-force-on-date"].bind({"date": "2021-02-30"})


@pytest.mark.parametrize("year", [2020, 2021, 2022, 2023])
def test_projects_started_in_year(
    ask: Callable[..., set[Row]], sources: src.Sources, year: int
) -> None:
    expected = set()
    for project, row in sources.plan_rows.items():
        if row.start is None:
            continue  # no start given: never listed
        first, last = bounds = row.start_bounds or (date.max, date.min)
        if first.year <= year <= last.year:
            certain = first.year == last.year == year
            unit = src.precision(row.start)
            expected.add((project, year, unit, *bounds, certain))
    assert ask("projects-started-in-year", year=str(year)) == expected
    if year == 2021:  # "Hösten 2021", "Oktober 2021", "augusti 2021" ...
        assert len(expected) == 6


PERIODS = [
    ("2021-08-01", "2021-10-31"),
    ("2021-09-01", "2021-12-31"),
    ("2021-07-01", "2022-01-31"),
    ("2021-08-15", "2021-08-20"),
    ("2022-02-01", "2022-12-31"),
]


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_projects_started_in_period(
    ask: Callable[..., set[Row]], sources: src.Sources, start: str, end: str
) -> None:
    first_day, last_day = date.fromisoformat(start), date.fromisoformat(end)
    expected = set()
    for project, row in sources.plan_rows.items():
        if row.start is None or row.start_bounds is None:
            continue
        first, last = row.start_bounds
        if first <= last_day and last >= first_day:
            within = "certainly" if first >= first_day and last <= last_day else "possibly"
            unit = src.precision(row.start)
            expected.add((project, first_day, last_day, unit, first, last, within))
    assert ask("projects-started-in-period", **{"from": start, "to": end}) == expected


def test_projects_started_in_period_in_words(ask: Callable[..., set[Row]]) -> None:
    """August to October 2021: the August and October starts certainly, autumn ones possibly."""
    answer = ask("projects-started-in-period", **{"from": "2021-08-01", "to": "2021-10-31"})
    assert {(row[0], row[-1]) for row in answer} == {
        ("klimatneutrala-linkoping-2030", "certainly"),  # "Oktober 2021"
        ("studentlivet-se", "certainly"),  # "augusti 2021"
        ("ulf", "certainly"),  # "Augusti 2021"
        ("reversed-mentorship", "possibly"),  # "Hösten 2021"
        ("strategiskt-forhallningssatt-utvecklingsmiljoer", "possibly"),
        ("samverkan-naringsliv-forskare-studenter", "possibly"),
    }


# --- 11-12: partners and recurring concepts ----------------------------------------------------


def test_partners_per_university(ask: Callable[..., set[Row]]) -> None:
    expected = {
        (university, partner, ps, kind, src.NETWORK_MEMBER_COUNT if partner is None else None)
        for ps, (kind, university, partner) in src.ALL_PARTNERSHIPS.items()
    }
    assert ask("partners-per-university") == expected


def test_partners_with_several_universities(ask: Callable[..., set[Row]]) -> None:
    universities: dict[str, set[str]] = {}
    for _, university, partner in src.PARTNERSHIPS.values():
        if partner is not None:
            universities.setdefault(partner, set()).add(university)
    expected = {(p, len(u)) for p, u in universities.items() if len(u) > 1}
    # The sources name no partner of two universities (Linnaeus's 36 are unnamed).
    assert expected == set()
    assert ask("partners-with-several-universities") == expected


def test_partners_with_several_universities_finds_them(
    tmp_path: Path, library: dict[str, SavedQuery]
) -> None:
    """The same question over the curated graph plus a made-up second university partner."""
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        """\
@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix partner: <https://w3id.org/samverkan-kg/partner/> .
<https://example.org/ps/lnu-lk> a skg:Partnership ;
    org:hasMember partner:linneuniversitetet, partner:linkopings-kommun, partner:region-ostergotland .
""",
        encoding="utf-8",
    )
    files = [*default_graph_files(), extra]
    for backend in BACKENDS:
        store = open_store(Settings(store=backend, files=files))
        result = library["partners-with-several-universities"].run(store, {})
        assert isinstance(result, SelectResult)
        rows = {tuple(plain(row.get(v)) for v in result.variables) for row in result.rows}
        assert rows == {(src.LK, 2), (src.RO, 2)}


def test_recurring_areas_and_themes(ask: Callable[..., set[Row]], sources: src.Sources) -> None:
    # (IRI path, partnership, name in the source); a pair is answered in the order of its IRIs
    named: list[tuple[str, str, str]] = []
    for agreement, areas in src.ALL_AREAS.items():
        partnership = src.ALL_VALIDITY[agreement].partnership
        named += [("area/" + area, partnership, name) for area, name in areas.items()]
    named += [("challenge/linne-" + slug(n), src.NETWORK, n) for n in sources.network_challenges]
    named += [("theme/linne-" + slug(n), src.NETWORK, n) for n in sources.conference_themes_2023]
    same_label = {
        (a.split("/")[1], pa, b.split("/")[1], pb, "same label")
        for a, pa, na in named
        for b, pb, nb in named
        if pa != pb and a < b and na.lower() == nb.lower()
    }
    assert same_label == {
        ("lk-hallbar-tillvaxt", src.PS_LK, "norrkoping-hallbar-tillvaxt", src.PS_NK, "same label"),
        # the register: "Hållbar stadsutveckling" in Linköping, Umeå and Malmö;
        # "Kompetensförsörjning" in Region Östergötland and Malmö
        (
            "lk-hallbar-stadsutveckling",
            src.PS_LK,
            "umu-uk-hallbar-stadsutveckling",
            src.PS_UMU_UK,
            "same label",
        ),
        (
            "lk-hallbar-stadsutveckling",
            src.PS_LK,
            "mau-ms-hallbar-stadsutveckling",
            src.PS_MAU,
            "same label",
        ),
        (
            "mau-ms-hallbar-stadsutveckling",
            src.PS_MAU,
            "umu-uk-hallbar-stadsutveckling",
            src.PS_UMU_UK,
            "same label",
        ),
        (
            "mau-ms-kompetensforsorjning",
            src.PS_MAU,
            "region-kompetensforsorjning",
            src.PS_RO,
            "same label",
        ),
        # "Infrastruktur": a challenge of the network and an area of the Gotland declaration
        ("uu-rg-infrastruktur", src.PS_UU, "linne-infrastruktur", src.NETWORK, "same label"),
    }
    assert ask("recurring-areas-and-themes") == same_label | src.CURATED_LINKS


# --- 13-14: governance bodies and events -------------------------------------------------------


def test_governance_bodies(ask: Callable[..., set[Row]]) -> None:
    expected: set[Row] = set()
    for body, organisations in src.BODY_ORGANISATIONS.items():
        ps = src.BODY_PARTNERSHIP[body]
        expected |= {
            (body, ps, "organisation", o, None, None, None, None, "sv") for o in organisations
        }
        if not organisations:
            expected.add((body, ps, None, None, None, None, None, None, "sv"))
    nk = (src.BODY_NK, src.PS_NK, "person")
    expected |= {
        (*nk, p, "studentrepresentant", union, "vice-karordforande", None, "sv")
        for p, union in src.STUDENT_REPRESENTATIVES.items()
    }
    expected |= {
        (
            *nk,
            None if p in src.UNNAMED_IN_CAPTION else p,
            "representant",
            org,
            title,
            src.JUNE_2017,
            "sv",
        )
        for p, (title, org) in src.JUNE_2017_GROUP.items()
    }
    assert len(src.UNNAMED_IN_CAPTION) == 3
    assert ask("governance-bodies") == expected
    assert len(expected) == 1 + 5 + 3 + 11


def test_events_per_partnership(ask: Callable[..., set[Row]]) -> None:
    expected = set()
    for event, e in src.EVENTS.items():
        start = _instant(e.start)
        end = _instant(e.end)
        if e.when:
            time: tuple[Any, ...] = (src.precision(e.when), *src.bounds(e.when), e.when)
        else:
            time = (None, None, None, None)
        expected.add((e.partnership, event, start, end, *time, "sv"))
    assert ask("events-per-partnership") == expected
    assert len(expected) == 6


def _instant(text: str | None) -> date | datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def test_event_themes(ask: Callable[..., set[Row]], sources: src.Sources) -> None:
    conference = "linnekommuner-konferens-2023"
    expected = {
        (src.NETWORK, conference, "linne-" + slug(theme), theme, "sv")
        for theme in sources.conference_themes_2023
    }
    assert ask("event-themes") == expected
    assert len(expected) == 5


# --- 15: provenance ----------------------------------------------------------------------------

#: Resources and a name that only they go by in the sources.
NAMED_RESOURCES = [
    ("project/klimatneutrala-linkoping-2030", "Klimatneutrala Linköping 2030"),
    ("project/studentlivet-se", "Studentlivet.se"),
    ("project/studentmedarbetare", "Studentmedarbetare"),
    ("project/ulf", "ULF-projektet"),
    ("project/fordjupad-oversiktsplan-stangebro", "Stångebro"),
    ("partner/linkopings-universitet", "Linköpings universitet"),
    ("partner/linkopings-kommun", "Linköpings kommun"),
    ("partner/linneuniversitetet", "Linnéuniversitet"),
    ("partner/norrkopings-kommun", "Norrköpings kommun"),
    ("partner/region-ostergotland", "Region Östergötland"),
    ("organisation/karservice", "Kårservice"),
    ("body/samverkansgruppen-norrkoping", "Samverkansgruppen"),
    ("body/samverkansradet-linkoping", "Samverkansrådet"),
    ("area/lk-hallbar-valfard", "Hållbar välfärd"),
    ("area/norrkoping-bildning", "Bildning"),
    ("event/forskningsfestivalen-2018", "Forskningsfestivalen"),
    ("site/campus-norrkoping", "Campus Norrköping"),
]


@pytest.mark.parametrize(("path", "name"), NAMED_RESOURCES)
def test_sources_of_resource(
    ask: Callable[..., set[Row]], sources: src.Sources, path: str, name: str
) -> None:
    files = sorted(p.name for p in sources.folder.glob("0*.txt") if name in p.read_text("utf-8"))
    assert files, f"{name!r} is in no source"
    local = path.rsplit("/", 1)[-1]
    expected = {(local, Path(f).stem, f) for f in files}
    assert ask("sources-of-resource", resource=f"id:{path}") == expected
    assert ask("sources-of-resource", resource=BASE + path) == expected


# --- overviews ---------------------------------------------------------------------------------


def test_partnerships_overview(ask: Callable[..., set[Row]]) -> None:
    # One row per agreement (the plan shares its partnership but is not one); a partnership
    # without an agreement (the network) has one row without.
    agreements: dict[str, list[str | None]] = {}
    for a, v in src.ALL_VALIDITY.items():
        if v.kind == "CollaborationAgreement":
            agreements.setdefault(v.partnership, []).append(a)
    expected = set()
    for ps, (kind, university, partner) in src.ALL_PARTNERSHIPS.items():
        for agreement in agreements.get(ps, [None]):
            v = src.ALL_VALIDITY[agreement] if agreement else src.Validity(ps, kind)
            words = [w.lower() if w else None for w in (v.signed, v.valid_from, v.valid_until)]
            since = src.AGREEMENTS_SINCE.get(ps)
            count = src.NETWORK_MEMBER_COUNT if kind == "Network" else None
            expected.add((ps, kind, university, partner, agreement, *words, since, count, "sv"))
    assert ask("partnerships-overview") == expected


def test_projects_per_area(ask: Callable[..., set[Row]], sources: src.Sources) -> None:
    per_area = Counter(row.area for row in sources.plan_rows.values())
    expected = {
        (agreement, area, per_area[area])
        for agreement, areas in src.ALL_AREAS.items()
        for area in areas
    }
    assert ask("projects-per-area") == expected


def test_units_per_partner(ask: Callable[..., set[Row]]) -> None:
    responsible = Counter(u for p in src.RESPONSIBLE for u in all_responsible(p))
    expected: set[Row] = {
        (partner, unit, responsible[unit]) for unit, (partner, _) in src.UNITS.items()
    }
    expected.add((src.RO, None, 0))  # 004 names no unit of Region Östergötland
    expected |= {(p, None, 0) for p in src.REGISTER_PARTNERS}  # nor do the register's pages
    assert ask("units-per-partner") == expected


def test_agreement_contents(ask: Callable[..., set[Row]]) -> None:
    expected: set[Row] = set()
    for agreement, areas in src.ALL_AREAS.items():
        expected |= {(agreement, "collaboration area", area, None) for area in areas}
    expected |= {(src.AGR_NK, "objective", o, n) for o, n in src.NK_OBJECTIVES.items()}
    expected |= {(src.AGR_LK, "objective", o, n) for o, n in src.LK_OBJECTIVES.items()}
    expected |= {
        (src.AGR_NK, "development area", d, n) for d, n in src.NK_DEVELOPMENT_AREAS.items()
    }
    # 001: "Samverkansrådets roll är att följa ... i enlighet med samverkansavtalet";
    # 002: "Samverkansgruppen koordinerar och leder den samverkan som avtalet omfattar".
    expected.add((src.AGR_LK, "governance body", src.BODY_LK, None))
    expected.add((src.AGR_NK, "governance body", src.BODY_NK, None))
    assert ask("agreement-contents") == expected


def _responsible_names(project: str) -> set[str]:
    public, university, others = src.RESPONSIBLE[project]
    names = set()
    for unit in public + university:
        if unit in src.WHOLE_PARTNERS:
            names.add(src.PARTNER_NAMES[unit])
        else:
            partner, name = src.UNITS[unit]
            names.add(f"{src.PARTNER_NAMES[partner]}: {name}")
    return names | {src.OTHER_NAMES[o] for o in others}


def test_action_plan_rows(
    stores: dict[str, Store], library: dict[str, SavedQuery], sources: src.Sources
) -> None:
    question = library["action-plan-rows"]
    plan_text = sources.text(src.LK_PLAN)
    for backend, store in stores.items():
        result = question.run(store, {})
        assert isinstance(result, SelectResult)
        rows = {plain(row["project"]): row for row in result.rows}
        assert set(rows) == set(sources.plan_rows), backend
        for project, expected in sources.plan_rows.items():
            row = {k: plain(v) for k, v in rows[project].items()}
            assert row["plan"] == src.PLAN
            assert row["kind"] == expected.kind
            assert row["area"] == expected.area
            # GROUP_CONCAT has no order: compare the lists as sets.
            assert {int(n) for n in row["sdgs"].split(", ")} == expected.sdgs
            assert (row.get("start") or "").lower() == (expected.start or "").lower()
            assert row["status"] == expected.status
            assert expected.status in plan_text
            assert set(row["responsible"].split("; ")) == _responsible_names(project)
            assert row["councilTask"] == expected.council_task
            assert row["reporting"].rstrip(".") == expected.reporting.rstrip(".")
            has_note = project == "fou-centrum-vard-omsorg-socialt-arbete"
            assert ("Aktuella forskarlag" in row.get("responsibilityNote", "")) == has_note


def test_network_challenges_and_forms(ask: Callable[..., set[Row]], sources: src.Sources) -> None:
    answer = ask("network-challenges-and-forms")
    found = {
        (network, kind, concept, label.lower(), lang)
        for network, kind, concept, label, lang in answer
    }
    expected = {
        (src.NETWORK, "challenge", "linne-" + slug(name), name.lower(), "sv")
        for name in sources.network_challenges
    } | {
        (src.NETWORK, "form", "linne-" + slug(name), name.lower(), "sv")
        for name in sources.network_forms
    }
    assert found == expected
    assert len(expected) == 15 + 7


# --- the whole library --------------------------------------------------------------------------

TESTED = {
    "sdgs-per-agreement",
    "sdgs-per-area",
    "sdgs-shared-by-all-areas",
    "projects-by-sdg",
    "projects-per-sdg",
    "sdg-gaps-per-area",
    "responsible-units-by-side",
    "projects-without-university-unit",
    "in-force-on-date",
    "projects-started-in-year",
    "projects-started-in-period",
    "partners-per-university",
    "partners-with-several-universities",
    "recurring-areas-and-themes",
    "governance-bodies",
    "events-per-partnership",
    "event-themes",
    "sources-of-resource",
    "partnerships-overview",
    "projects-per-area",
    "units-per-partner",
    "agreement-contents",
    "action-plan-rows",
    "network-challenges-and-forms",
    # tests/test_model_v2.py
    "partnership-age",
    "timeline",
    "agreement-parties",
    "stated-and-curated-links",
}


def test_every_question_has_a_test_here(library: dict[str, SavedQuery]) -> None:
    assert set(library) - MACHINERY_EXAMPLES == TESTED


# --- through the doors: HTTP and CLI ------------------------------------------------------------


@pytest.fixture(scope="module")
def client(stores: dict[str, Store]) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), stores["oxigraph"])) as test_client:
        yield test_client


def test_questions_over_http(client: TestClient, sources: src.Sources) -> None:
    response = client.get("/queries/projects-by-sdg", params={"sdg": "sdg:3", "format": "json"})
    assert response.status_code == 200, response.text
    bindings = response.json()["results"]["bindings"]
    expected = {p for p, row in sources.plan_rows.items() if 3 in row.sdgs}
    assert {b["project"]["value"].rsplit("/", 1)[-1] for b in bindings} == expected

    response = client.get(
        "/queries/in-force-on-date", params={"date": "2018-06-01"}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert {(r["resource"].rsplit("/", 1)[-1], r["certainty"]) for r in table} == set(
        IN_FORCE["2018-06-01"].items()
    )


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/queries/in-force-on-date", {"date": "2018-13-01"}),
        ("/queries/projects-started-in-year", {"year": "twenty"}),
        ("/queries/projects-by-sdg", {"sdg": "not an iri"}),
        ("/queries/projects-started-in-period", {"from": "2021-01-01", "until": "2021-02-01"}),
    ],
)
def test_bad_parameters_over_http_are_400(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params={**params, "format": "json"})
    assert response.status_code == 400
    assert "parameter" in response.text.lower()


def test_question_through_the_cli(sources: src.Sources) -> None:
    done = live.samverkan(
        "query",
        "projects-started-in-period",
        "--param",
        "from=2021-08-01",
        "--param",
        "to=2021-10-31",
        "--format",
        "csv",
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    table = list(csv.DictReader(io.StringIO(done.stdout)))
    first, last = date(2021, 8, 1), date(2021, 10, 31)
    expected = set()
    for project, row in sources.plan_rows.items():
        if row.start_bounds and row.start_bounds[0] <= last and row.start_bounds[1] >= first:
            inside = row.start_bounds[0] >= first and row.start_bounds[1] <= last
            expected.add((project, "certainly" if inside else "possibly"))
    assert {(r["project"].rsplit("/", 1)[-1], r["within"]) for r in table} == expected
