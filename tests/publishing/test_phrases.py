"""Swedish date phrases and SDG lists (service.publishing.phrases), phrase by phrase."""

import datetime as dt

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from service import namespaces as ns
from service.loading.rdf import load_graph
from service.paths import data_files
from service.publishing.phrases import (
    DATE_HINT,
    PhraseError,
    date_description,
    format_sdgs,
    parse_date,
    parse_sdgs,
    phrase_of,
    sdg_iri,
    sdg_number,
)


@pytest.mark.parametrize(
    ("text", "unit", "earliest", "latest", "sv", "en"),
    [
        ("2022", "year", "2022-01-01", "2022-12-31", "2022", "2022"),
        (" 2022 ", "year", "2022-01-01", "2022-12-31", "2022", "2022"),
        (2022, "year", "2022-01-01", "2022-12-31", "2022", "2022"),
        (2022.0, "year", "2022-01-01", "2022-12-31", "2022", "2022"),
        ("Oktober 2021", "month", "2021-10-01", "2021-10-31", "oktober 2021", "October 2021"),
        ("oktober 2021", "month", "2021-10-01", "2021-10-31", "oktober 2021", "October 2021"),
        ("okt 2021", "month", "2021-10-01", "2021-10-31", "oktober 2021", "October 2021"),
        ("okt. 2021", "month", "2021-10-01", "2021-10-31", "oktober 2021", "October 2021"),
        ("October 2021", "month", "2021-10-01", "2021-10-31", "oktober 2021", "October 2021"),
        ("februari 2024", "month", "2024-02-01", "2024-02-29", "februari 2024", "February 2024"),
        ("februari 2023", "month", "2023-02-01", "2023-02-28", "februari 2023", "February 2023"),
        ("maj  2022", "month", "2022-05-01", "2022-05-31", "maj 2022", "May 2022"),
        ("2021-10", "month", "2021-10-01", "2021-10-31", "oktober 2021", "October 2021"),
        ("Hösten 2021", "season", "2021-07-01", "2021-12-31", "hösten 2021", "autumn 2021"),
        ("hösten 2021.", "season", "2021-07-01", "2021-12-31", "hösten 2021", "autumn 2021"),
        ("höst 2021", "season", "2021-07-01", "2021-12-31", "hösten 2021", "autumn 2021"),
        ("HT 2021", "season", "2021-07-01", "2021-12-31", "hösten 2021", "autumn 2021"),
        ("våren 2017", "season", "2017-01-01", "2017-06-30", "våren 2017", "spring 2017"),
        ("Våren 2023", "season", "2023-01-01", "2023-06-30", "våren 2023", "spring 2023"),
        ("VT 2023", "season", "2023-01-01", "2023-06-30", "våren 2023", "spring 2023"),
        ("spring 2023", "season", "2023-01-01", "2023-06-30", "våren 2023", "spring 2023"),
        (
            "22 oktober 2024",
            "day",
            "2024-10-22",
            "2024-10-22",
            "22 oktober 2024",
            "22 October 2024",
        ),
        ("1 maj 2024", "day", "2024-05-01", "2024-05-01", "1 maj 2024", "1 May 2024"),
        ("2024-10-22", "day", "2024-10-22", "2024-10-22", "22 oktober 2024", "22 October 2024"),
        (
            "29 februari 2024",
            "day",
            "2024-02-29",
            "2024-02-29",
            "29 februari 2024",
            "29 February 2024",
        ),
        (
            dt.date(2024, 10, 22),
            "day",
            "2024-10-22",
            "2024-10-22",
            "22 oktober 2024",
            "22 October 2024",
        ),
        (
            dt.datetime(2024, 10, 22, 0, 0),
            "day",
            "2024-10-22",
            "2024-10-22",
            "22 oktober 2024",
            "22 October 2024",
        ),
    ],
)
def test_phrases_the_template_understands(
    text: object, unit: str, earliest: str, latest: str, sv: str, en: str
) -> None:
    phrase = parse_date(text)
    assert phrase.unit == unit
    assert phrase.earliest.isoformat() == earliest
    assert phrase.latest.isoformat() == latest
    assert (phrase.label("sv"), phrase.label("en")) == (sv, en)


@pytest.mark.parametrize(
    "text",
    [
        "Hösten 20201",
        "hösten",
        "2021 hösten",
        "sommaren 2021",
        "Smörgås 2021",
        "13 2021",
        "2021-13",
        "2021-02-30",
        "31 februari 2021",
        "29 februari 2023",
        "32 oktober 2021",
        "oktober",
        "21",
        "20221",
        "0999",
        "",
        "   ",
        "Q3 2021",
        "oktober 2021 – december 2021",
        1.5,
    ],
)
def test_phrases_it_refuses_say_what_to_write(text: object) -> None:
    with pytest.raises(PhraseError) as caught:
        parse_date(text)
    assert str(caught.value) == f"{str(text)!r} is not a date the template understands: {DATE_HINT}"


def test_the_issue_example_message() -> None:
    with pytest.raises(
        PhraseError,
        match=r"^'Hösten 20201' is not a date the template understands: write a year, a month and year, or 'våren'/'hösten' and a year$",
    ):
        parse_date("Hösten 20201")


def test_curated_dates_are_written_back_by_their_phrase() -> None:
    """Each date description in data/ whose Swedish label is a phrase as the template writes
    it is exactly what that phrase gives: the parser makes the curation's pattern (unit, year,
    month/season/day, bounds, labels). Labels in the source's own wording ("1997 (20 år
    2017)") have no phrase; the template keeps those dates statement by statement."""
    graph = load_graph(data_files())
    dates = set(graph.subjects(ns.RDF.type, ns.TIME.DateTimeDescription))
    written, units = 0, set()
    for node in dates:
        label = next(o for o in graph.objects(node, ns.RDFS.label) if o.language == "sv")
        try:
            canonical = parse_date(str(label)).label("sv") == str(label)
        except PhraseError:
            canonical = False
        assert (phrase_of(graph, node) == str(label)) == canonical, label
        if canonical:
            written += 1
            units.add(graph.value(node, ns.TIME.unitType))
    assert written >= 40
    assert len(units) == 4  # year, season, month and day all occur


def test_a_changed_description_has_no_phrase() -> None:
    graph = Graph()
    node = date_description(graph, parse_date("hösten 2021"))
    assert phrase_of(graph, node) == "hösten 2021"
    assert phrase_of(graph, BNode()) is None
    graph.set((node, ns.SKG.latest, Literal("2021-12-30", datatype=ns.XSD.date)))
    assert phrase_of(graph, node) is None


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("5, 7, 11, 17", [5, 7, 11, 17]),
        ("5,7,11,17", [5, 7, 11, 17]),
        ("5; 7; 11", [5, 7, 11]),
        ("5 7 11", [5, 7, 11]),
        ("Mål 5, 7", [5, 7]),
        ("SDG5, SDG17", [5, 17]),
        ("17, 5", [17, 5]),
        ("5, 5, 7", [5, 7]),
        (5, [5]),
        (17.0, [17]),
        ("1", [1]),
    ],
)
def test_sdg_lists(text: object, numbers: list[int]) -> None:
    assert parse_sdgs(text) == numbers


@pytest.mark.parametrize("text", ["0", "18", "5, 18", "5, sju", "", "  ", "-3", "5.5", "fem"])
def test_bad_sdg_lists_say_what_to_write(text: object) -> None:
    with pytest.raises(
        PhraseError, match=r"is not a list of global goals: write the goals' numbers \(1–17\)"
    ):
        parse_sdgs(text)


def test_sdg_iris_and_numbers() -> None:
    assert str(sdg_iri(5)) == "http://metadata.un.org/sdg/5"
    assert sdg_number(sdg_iri(1)) == 1
    assert sdg_number(sdg_iri(17)) == 17  # the last goal
    assert sdg_number(sdg_iri(18)) is None  # there are 17
    assert sdg_number(sdg_iri(0)) is None
    assert sdg_number(URIRef("http://metadata.un.org/sdg/05")) is None  # not the UN's IRI
    assert sdg_number(URIRef("http://example.org/sdg/5")) is None
    assert format_sdgs([17, 5, 11, 7]) == "5, 7, 11, 17"
