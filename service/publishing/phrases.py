"""Swedish date phrases and SDG lists as coordinators write them in a spreadsheet.

``parse_date("Hösten 2021")`` gives a :class:`DatePhrase` with the precision the words have
(year, season, month or day) and the first and last day they may mean; ``date_description``
writes it as the OWL-Time ``time:DateTimeDescription`` the curated data uses. ``parse_sdgs``
reads "5, 7, 11, 17". Both raise :class:`PhraseError` saying what is expected instead.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal as Kind

from rdflib import BNode, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.term import Node

from ..namespaces import RDF, RDFS, SDG, SKG, TIME, XSD

DATE_HINT = "write a year, a month and year, or 'våren'/'hösten' and a year"
SDG_HINT = "write the goals' numbers (1–17) separated by commas, e.g. '5, 7, 11, 17'"

MONTHS_SV = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip
MONTHS_EN = [calendar.month_name[m] for m in range(1, 13)]
#: Every way of naming a month the parser accepts (lower case) → its number.
_MONTH_WORDS: dict[str, int] = {}
for _number, (_sv, _en) in enumerate(zip(MONTHS_SV, MONTHS_EN, strict=True), start=1):
    for _word in (_sv, _en.lower(), _sv[:3], _en.lower()[:3]):
        _MONTH_WORDS.setdefault(_word, _number)
_MONTH_WORDS["sept"] = 9

#: Spring is the first half-year, autumn the second (see skg:spring / skg:autumn).
_SEASON_WORDS: dict[str, str] = {
    "våren": "spring", "vår": "spring", "vårterminen": "spring", "vt": "spring",
    "spring": "spring",
    "hösten": "autumn", "höst": "autumn", "höstterminen": "autumn", "ht": "autumn",
    "autumn": "autumn", "fall": "autumn",
}  # fmt: skip
_SEASON_SV = {"spring": "våren", "autumn": "hösten"}
_SEASON_MONTHS = {"spring": (1, 6), "autumn": (7, 12)}

_YEAR = r"(?P<year>\d{4})"
_PATTERNS = (
    ("year", re.compile(rf"{_YEAR}")),
    ("iso-month", re.compile(rf"{_YEAR}-(?P<month>\d{{1,2}})")),
    ("iso-day", re.compile(rf"{_YEAR}-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})")),
    ("words", re.compile(rf"(?P<word>[^\W\d_]+)\.?\s+{_YEAR}")),
    ("day-words", re.compile(rf"(?P<day>\d{{1,2}})\s+(?P<word>[^\W\d_]+)\.?\s+{_YEAR}")),
)

Unit = Kind["year", "season", "month", "day"]


class PhraseError(ValueError):
    """A cell's text is not a phrase the template understands; the message says why."""


@dataclass(frozen=True)
class DatePhrase:
    """A date as precise as its words: a year, a season or month of a year, or a day."""

    unit: Unit
    year: int
    month: int | None = None
    day: int | None = None
    season: str | None = None  # "spring" | "autumn"

    @property
    def earliest(self) -> dt.date:
        """The first day the phrase may mean."""
        if self.unit == "day":
            assert self.month and self.day
            return dt.date(self.year, self.month, self.day)
        first = self.month or (_SEASON_MONTHS[self.season][0] if self.season else 1)
        return dt.date(self.year, first, 1)

    @property
    def latest(self) -> dt.date:
        """The last day the phrase may mean."""
        if self.unit == "day":
            return self.earliest
        last = self.month or (_SEASON_MONTHS[self.season][1] if self.season else 12)
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    def label(self, lang: str) -> str:
        """The phrase written out: "oktober 2021", "hösten 2021" (sv); "October 2021" (en)."""
        months = MONTHS_SV if lang == "sv" else MONTHS_EN
        if self.unit == "day":
            assert self.month
            return f"{self.day} {months[self.month - 1]} {self.year}"
        if self.unit == "month":
            assert self.month
            return f"{months[self.month - 1]} {self.year}"
        if self.unit == "season":
            assert self.season
            word = _SEASON_SV[self.season] if lang == "sv" else self.season
            return f"{word} {self.year}"
        return str(self.year)


def _checked(unit: Unit, year: int, month: int | None = None, day: int | None = None) -> DatePhrase:
    if not 1000 <= year <= 2999 or (month is not None and not 1 <= month <= 12):
        raise ValueError
    if day is not None:
        assert month is not None
        dt.date(year, month, day)  # raises ValueError for 31 February
    return DatePhrase(unit, year, month, day)


def _from_words(text: str) -> DatePhrase | None:
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["year"])
        if kind == "year":
            return _checked("year", year)
        if kind == "iso-month":
            return _checked("month", year, int(groups["month"]))
        if kind == "iso-day":
            return _checked("day", year, int(groups["month"]), int(groups["day"]))
        word = groups["word"].casefold()
        if kind == "day-words":
            return _checked("day", year, _MONTH_WORDS[word], int(groups["day"]))
        if word in _SEASON_WORDS:
            _checked("year", year)
            return DatePhrase("season", year, season=_SEASON_WORDS[word])
        return _checked("month", year, _MONTH_WORDS[word])
    return None


def parse_date(value: object) -> DatePhrase:
    """A cell's date: "2022", "Oktober 2021", "hösten 2021", "22 oktober 2024", "2021-10".

    Spreadsheet programs may store a typed date or number; a date is a day, a whole number a
    year. Raises :class:`PhraseError` naming the text and what to write instead.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return DatePhrase("day", value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
        value = str(int(value))
    text = " ".join(str(value).split()).strip(" .")
    try:
        found = _from_words(text)
    except (KeyError, ValueError):
        found = None
    if found is None:
        raise PhraseError(f"{str(value)!r} is not a date the template understands: {DATE_HINT}")
    return found


def date_description(graph: Graph, phrase: DatePhrase, node: BNode | None = None) -> BNode:
    """Add ``phrase`` to ``graph`` as an OWL-Time date-time description; returns its node."""
    node = node if node is not None else BNode()
    units = {"year": TIME.unitYear, "month": TIME.unitMonth, "day": TIME.unitDay}
    graph.add((node, RDF.type, TIME.DateTimeDescription))
    graph.add((node, TIME.unitType, units.get(phrase.unit, SKG.unitSeason)))
    graph.add((node, TIME.year, Literal(f"{phrase.year:04d}", datatype=XSD.gYear)))
    if phrase.month is not None:
        graph.add((node, TIME.month, Literal(f"--{phrase.month:02d}", datatype=XSD.gMonth)))
    if phrase.day is not None:
        graph.add((node, TIME.day, Literal(f"---{phrase.day:02d}", datatype=XSD.gDay)))
    if phrase.season is not None:
        graph.add((node, SKG.season, SKG[phrase.season]))
    graph.add((node, SKG.earliest, Literal(phrase.earliest.isoformat(), datatype=XSD.date)))
    graph.add((node, SKG.latest, Literal(phrase.latest.isoformat(), datatype=XSD.date)))
    for lang in ("sv", "en"):
        graph.add((node, RDFS.label, Literal(phrase.label(lang), lang=lang)))
    return node


def phrase_of(graph: Graph, node: Node) -> str | None:
    """The phrase that writes the date description ``node`` back exactly, else None.

    None when the description holds anything its Swedish label would not give again (another
    label, a missing bound): such a date is kept statement by statement instead.
    """
    if not isinstance(node, BNode):
        return None
    labels = [o for o in graph.objects(node, RDFS.label) if getattr(o, "language", None) == "sv"]
    if len(labels) != 1:
        return None
    try:
        phrase = parse_date(str(labels[0]))
    except PhraseError:
        return None
    found = Graph()
    for p, o in graph.predicate_objects(node):
        if isinstance(o, BNode):
            return None
        found.add((node, p, o))
    expected = Graph()
    date_description(expected, phrase, node)
    if not isomorphic(found, expected):
        return None
    return phrase.label("sv")


def parse_sdgs(value: object) -> list[int]:
    """The goals in "5, 7, 11, 17" (commas, semicolons or spaces; "Mål 5" too), in order."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
        value = str(int(value))
    text = str(value)
    words = [w for w in re.split(r"[,;\s]+", text.strip()) if w]
    numbers: list[int] = []
    for word in words:
        if word.casefold() in ("mål", "sdg", "goal"):
            continue
        cleaned = word.removeprefix("SDG").removeprefix("sdg")
        if not cleaned.isdigit() or not 1 <= int(cleaned) <= 17:
            raise PhraseError(f"{text!r} is not a list of global goals: {SDG_HINT}")
        if int(cleaned) not in numbers:
            numbers.append(int(cleaned))
    if not numbers:
        raise PhraseError(f"{text!r} is not a list of global goals: {SDG_HINT}")
    return numbers


def sdg_iri(number: int) -> Node:
    """The UN's IRI of goal ``number``."""
    return SDG[str(number)]


def sdg_number(iri: Node) -> int | None:
    """The number of a goal IRI (``sdg:5`` → 5), else None."""
    text = str(iri)
    rest = text[len(str(SDG)) :] if text.startswith(str(SDG)) else ""
    return int(rest) if rest.isdigit() and 1 <= int(rest) <= 17 and rest == str(int(rest)) else None


def format_sdgs(numbers: list[int]) -> str:
    """Goals written as the template wants them: "5, 7, 11, 17" (ascending)."""
    return ", ".join(str(n) for n in sorted(numbers))
