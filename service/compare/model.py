"""The side-by-side comparison of agreements, gathered from the Store with SPARQL.

One place computes what the HTML page, CSV, JSON, SVG and CLI show. The rows are every
``skg:CollaborationAgreement``, ``skg:ActionPlan`` and ``skg:Network`` in the default graph;
every fact comes from the graph, nothing is hard-coded here but wording ("okänt").

What a row counts:
- projects: for an action plan, the projects it lists (``skg:listedIn``); for a signed
  agreement or a network, the projects of its partnership (``skg:partnership``);
- events: the ``schema:Event``s of its partnership;
- SDGs: the union of its collaboration areas' goals, its projects' goals and (for a plan) its
  cross-cutting goals;
- areas: its own ``skg:hasCollaborationArea`` or, for a plan, those of the agreement it
  implements; a network has none, so its challenges and its events' themes are shown instead.

The SDG matrix has a row per agreement and, under it, a row per collaboration area. An area
cell says whether the area lists the goal and how many of the row's projects within the area
address it; an agreement cell aggregates: any of its areas lists the goal, and how many of
its projects (within an area or not) address it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Final, Literal, cast

from rdflib.term import Identifier, URIRef
from rdflib.term import Literal as RdfLiteral

from ..i18n import LANGUAGES, Lang, as_lang, best_literal
from ..labels import fetch_labels
from ..namespaces import SKG
from ..store.base import Store
from .queries import (
    AREA_SDGS_QUERY,
    DATES_QUERY,
    FACTS_QUERY,
    GOALS_QUERY,
    PROJECTS_QUERY,
    ROWS_QUERY,
)

Kind = Literal["agreement", "action-plan", "network"]
Level = Literal["agreement", "area"]
GroupKind = Literal["collaboration-area", "challenge", "theme"]

#: The class that makes a resource a row, for each kind (their labels name the kinds).
KIND_CLASSES: Final[dict[Kind, URIRef]] = {
    "agreement": SKG.CollaborationAgreement,
    "action-plan": SKG.ActionPlan,
    "network": SKG.Network,
}
_KIND_ORDER: Final[dict[str, int]] = {"agreement": 0, "action-plan": 1, "network": 2}

#: Wording the comparison adds to the graph's facts.
TEXT: Final[dict[str, dict[str, str]]] = {
    "sv": {
        "unknown": "okänt",
        "no-agreement": "inget undertecknat avtal (nätverk)",
        "since": "avtal sedan {year}",
        "unnamed": "{count} onamngivna medlemmar",
        "unnamed-note": "{note} (ej namngivna)",
        "collaboration-area": "Samverkansområden",
        "challenge": "Utmaningar",
        "theme": "Teman (evenemang)",
    },
    "en": {
        "unknown": "unknown",
        "no-agreement": "no signed agreement (network)",
        "since": "agreements since {year}",
        "unnamed": "{count} unnamed members",
        "unnamed-note": "{note} (not named)",
        "collaboration-area": "Collaboration areas",
        "challenge": "Challenges",
        "theme": "Themes (events)",
    },
}


@dataclass(frozen=True)
class Ref:
    """A resource and its label in the chosen language."""

    iri: str
    label: str


@dataclass(frozen=True)
class TimeSpec:
    """A date as precise as the source gives it (label such as "våren 2017")."""

    label: str
    earliest: str | None = None
    latest: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class ConceptGroup:
    """Areas, challenges or themes of a row, under a heading that says which."""

    kind: GroupKind
    heading: str
    items: list[Ref]


@dataclass(frozen=True)
class Goal:
    """One of the SDGs in the graph."""

    number: int
    iri: str
    label: str


@dataclass(frozen=True)
class AgreementRow:
    """One agreement, action plan or network and what the graph says about it."""

    iri: str
    label: str
    kind: Kind
    kind_label: str
    partnership: Ref | None
    partners: list[Ref]
    stated_member_count: int | None
    unnamed_members: str | None
    signed: TimeSpec | None
    valid_from: TimeSpec | None
    valid_until: TimeSpec | None
    #: the source's words for a validity with no end ("tills vidare"): in force until an
    #: end (valid_until) is recorded
    open_ended: str | None
    history: list[str]
    agreements_since: str | None
    governance_bodies: list[Ref]
    groups: list[ConceptGroup]
    sdgs: list[int]
    cross_cutting_sdgs: list[int]
    projects: list[Ref]
    events: list[Ref]
    sources: list[str]

    @property
    def areas(self) -> list[Ref]:
        """The collaboration areas (empty for a network)."""
        return [ref for g in self.groups if g.kind == "collaboration-area" for ref in g.items]


@dataclass(frozen=True)
class Cell:
    """Coverage of one goal: listed by the area(s), cross-cutting, addressed by N projects."""

    area_lists: bool = False
    cross_cutting: bool = False
    projects: int = 0

    @property
    def covered(self) -> bool:
        return self.area_lists or self.cross_cutting or self.projects > 0


@dataclass(frozen=True)
class MatrixRow:
    """A row of the SDG matrix: an agreement, or one of its areas under it."""

    level: Level
    iri: str
    label: str
    agreement: str
    cells: dict[int, Cell] = field(default_factory=dict)


@dataclass(frozen=True)
class Comparison:
    """The whole comparison in one language."""

    lang: Lang
    goals: list[Goal]
    rows: list[AgreementRow]
    matrix: list[MatrixRow]

    def text(self, key: str, **values: object) -> str:
        return TEXT[self.lang][key].format(**values)


def _pick(literals: list[RdfLiteral], lang: str) -> str | None:
    best = best_literal(literals, lang)
    return None if best is None else str(best)


def _text(term: Identifier | None) -> str:
    return "" if term is None else str(term)


class _Gatherer:
    """Runs the comparison's queries and assembles the rows; one instance per request."""

    def __init__(self, store: Store, lang: Lang) -> None:
        self.store = store
        self.lang = lang

    def gather(self) -> Comparison:
        rows = self._rows()
        facts = self._facts()
        dates = self._dates()
        projects = self._projects()
        area_sdgs = self._area_sdgs()
        goals_by_iri = self._goals()
        iris = set(rows) | set(goals_by_iri) | set(KIND_CLASSES.values())
        iris |= {p for _, p in rows.values() if p is not None}
        for by_facet in facts.values():
            for facet in ("partner", "body", "collaboration-area", "challenge", "theme", "event"):
                iris |= {v for v in by_facet.get(facet, []) if isinstance(v, URIRef)}
        for by_project in projects.values():
            iris |= set(by_project)
        labels = fetch_labels(self.store, iris, self.lang)

        def ref(iri: URIRef) -> Ref:
            return Ref(str(iri), labels.get(iri, str(iri)))

        def refs(values: list[Identifier]) -> list[Ref]:
            found = {ref(v) for v in values if isinstance(v, URIRef)}
            return sorted(found, key=lambda r: (r.label.casefold(), r.iri))

        def numbers(sdgs: set[URIRef]) -> list[int]:
            return sorted({goals_by_iri[s] for s in sdgs if s in goals_by_iri})

        goals = sorted(
            (Goal(n, str(iri), labels.get(iri, str(n))) for iri, n in goals_by_iri.items()),
            key=lambda g: g.number,
        )
        result_rows: list[AgreementRow] = []
        matrix: list[MatrixRow] = []
        order = sorted(
            rows.items(),
            key=lambda item: (
                item[1][0] == "network",
                str(item[1][1] or ""),
                _KIND_ORDER[item[1][0]],
                str(item[0]),
            ),
        )
        for iri, (kind, partnership) in order:
            row_facts = facts.get(iri, {})
            row_projects = projects.get(iri, {})
            kinds: tuple[GroupKind, ...] = ("collaboration-area", "challenge", "theme")
            groups = [ConceptGroup(k, self._word(k), refs(row_facts.get(k, []))) for k in kinds]
            groups = [g for g in groups if g.items]
            areas = [
                URIRef(a.iri) for g in groups if g.kind == "collaboration-area" for a in g.items
            ]
            cross = {v for v in row_facts.get("cross-cutting", []) if isinstance(v, URIRef)}
            sdgs = set(cross)
            for area in areas:
                sdgs |= area_sdgs.get(area, set())
            for _area, project_sdgs in row_projects.values():
                sdgs |= project_sdgs
            counts = [int(v) for v in row_facts.get("member-count", []) if _is_int(v)]
            since = sorted(_text(v) for v in row_facts.get("since", []))
            row_dates = dates.get(iri, {})
            result_rows.append(
                AgreementRow(
                    iri=str(iri),
                    label=labels.get(iri, str(iri)),
                    kind=kind,
                    kind_label=labels.get(KIND_CLASSES[kind], kind),
                    partnership=ref(partnership) if partnership is not None else None,
                    partners=refs(row_facts.get("partner", [])),
                    stated_member_count=max(counts) if counts else None,
                    unnamed_members=_pick(_literals(row_facts.get("unnamed-members")), self.lang),
                    signed=row_dates.get(SKG.signed),
                    valid_from=row_dates.get(SKG.validFrom),
                    valid_until=row_dates.get(SKG.validUntil),
                    open_ended=_pick(_literals(row_facts.get("open-ended")), self.lang),
                    history=self._history(row_facts),
                    agreements_since=since[0] if since else None,
                    governance_bodies=refs(row_facts.get("body", [])),
                    groups=groups,
                    sdgs=numbers(sdgs),
                    cross_cutting_sdgs=numbers(cross),
                    projects=refs(list(row_projects)),
                    events=refs(row_facts.get("event", [])),
                    sources=sorted({_text(v) for v in row_facts.get("source", [])}),
                )
            )
            matrix += self._matrix_rows(
                result_rows[-1], row_projects, area_sdgs, cross, goals_by_iri
            )
        return Comparison(self.lang, goals, result_rows, matrix)

    def _word(self, key: str) -> str:
        return TEXT[self.lang][key]

    def _history(self, facts: dict[str, list[Identifier]]) -> list[str]:
        notes = _literals(facts.get("history"))
        # One note per language is the norm; keep every note in the best language.
        picked = _pick(notes, self.lang)
        if picked is None:
            return []
        best = next(n for n in notes if str(n) == picked)
        return sorted(str(n) for n in notes if n.language == best.language)

    def _matrix_rows(
        self,
        row: AgreementRow,
        row_projects: dict[URIRef, tuple[set[URIRef], set[URIRef]]],
        area_sdgs: dict[URIRef, set[URIRef]],
        cross: set[URIRef],
        goals: dict[URIRef, int],
    ) -> list[MatrixRow]:
        area_rows: list[MatrixRow] = []
        listed_any: set[int] = set()
        for area in row.areas:
            area_iri = URIRef(area.iri)
            listed = {goals[s] for s in area_sdgs.get(area_iri, set()) if s in goals}
            listed_any |= listed
            per_goal: dict[int, int] = defaultdict(int)
            for areas_of_project, project_sdgs in row_projects.values():
                if area_iri in areas_of_project:
                    for n in {goals[s] for s in project_sdgs if s in goals}:
                        per_goal[n] += 1
            cells = {
                n: Cell(area_lists=n in listed, projects=per_goal.get(n, 0))
                for n in sorted(listed | set(per_goal))
            }
            area_rows.append(MatrixRow("area", area.iri, area.label, row.iri, cells))
        per_goal_all: dict[int, int] = defaultdict(int)
        for _areas, project_sdgs in row_projects.values():
            for n in {goals[s] for s in project_sdgs if s in goals}:
                per_goal_all[n] += 1
        cross_numbers = {goals[s] for s in cross if s in goals}
        covered = listed_any | cross_numbers | set(per_goal_all)
        cells = {
            n: Cell(
                area_lists=n in listed_any,
                cross_cutting=n in cross_numbers,
                projects=per_goal_all.get(n, 0),
            )
            for n in sorted(covered)
        }
        return [MatrixRow("agreement", row.iri, row.label, row.iri, cells), *area_rows]

    # --- queries -------------------------------------------------------------------------

    def _rows(self) -> dict[URIRef, tuple[Kind, URIRef | None]]:
        found: dict[URIRef, tuple[Kind, URIRef | None]] = {}
        for r in self.store.select(ROWS_QUERY).rows:
            row, kind, partnership = r.get("row"), _text(r.get("kind")), r.get("partnership")
            if not isinstance(row, URIRef) or kind not in _KIND_ORDER:
                continue
            p = partnership if isinstance(partnership, URIRef) else None
            known = found.get(row)
            # A resource of two kinds, or with two partnerships: keep one, deterministically.
            candidate = (cast(Kind, kind), p)
            if known is None or (_KIND_ORDER[kind], str(p)) < (
                _KIND_ORDER[known[0]],
                str(known[1]),
            ):
                found[row] = candidate
        return found

    def _facts(self) -> dict[URIRef, dict[str, list[Identifier]]]:
        facts: dict[URIRef, dict[str, list[Identifier]]] = defaultdict(lambda: defaultdict(list))
        for r in self.store.select(FACTS_QUERY).rows:
            row, facet, value = r.get("row"), _text(r.get("facet")), r.get("value")
            if isinstance(row, URIRef) and value is not None and value not in facts[row][facet]:
                facts[row][facet].append(value)
        return facts

    def _dates(self) -> dict[URIRef, dict[URIRef, TimeSpec]]:
        grouped: dict[tuple[URIRef, URIRef], dict[str, list[Identifier]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for r in self.store.select(DATES_QUERY).rows:
            row, prop = r.get("row"), r.get("property")
            if not (isinstance(row, URIRef) and isinstance(prop, URIRef)):
                continue
            values = grouped[(row, prop)]
            for name in ("label", "earliest", "latest", "unit"):
                term = r.get(name)
                if term is not None and term not in values[name]:
                    values[name].append(term)
        dates: dict[URIRef, dict[URIRef, TimeSpec]] = defaultdict(dict)
        for (row, prop), values in grouped.items():
            earliest = sorted(_text(v) for v in values["earliest"])
            latest = sorted(_text(v) for v in values["latest"])
            units = sorted(_text(v) for v in values["unit"])
            label = _pick(_literals(values["label"]), self.lang)
            if label is None:  # no label: say what the bounds say
                label = " – ".join(dict.fromkeys([*earliest[:1], *latest[-1:]])) or "?"
            dates[row][prop] = TimeSpec(
                label=label,
                earliest=earliest[0] if earliest else None,
                latest=latest[-1] if latest else None,
                unit=units[0] if units else None,
            )
        return dates

    def _projects(self) -> dict[URIRef, dict[URIRef, tuple[set[URIRef], set[URIRef]]]]:
        """Row -> project -> (its areas, its goals)."""
        found: dict[URIRef, dict[URIRef, tuple[set[URIRef], set[URIRef]]]] = defaultdict(dict)
        for r in self.store.select(PROJECTS_QUERY).rows:
            row, project = r.get("row"), r.get("project")
            if not (isinstance(row, URIRef) and isinstance(project, URIRef)):
                continue
            areas, sdgs = found[row].setdefault(project, (set(), set()))
            area, sdg = r.get("area"), r.get("sdg")
            if isinstance(area, URIRef):
                areas.add(area)
            if isinstance(sdg, URIRef):
                sdgs.add(sdg)
        return found

    def _area_sdgs(self) -> dict[URIRef, set[URIRef]]:
        found: dict[URIRef, set[URIRef]] = defaultdict(set)
        for r in self.store.select(AREA_SDGS_QUERY).rows:
            area, sdg = r.get("area"), r.get("sdg")
            if isinstance(area, URIRef) and isinstance(sdg, URIRef):
                found[area].add(sdg)
        return found

    def _goals(self) -> dict[URIRef, int]:
        found: dict[URIRef, int] = {}
        for r in self.store.select(GOALS_QUERY).rows:
            goal, notation = r.get("goal"), r.get("notation")
            if isinstance(goal, URIRef) and _is_int(notation):
                found[goal] = int(str(notation))
        return found


def _is_int(term: Identifier | None) -> bool:
    return term is not None and str(term).strip().isdigit()


def _literals(values: list[Identifier] | None) -> list[RdfLiteral]:
    return [v for v in values or [] if isinstance(v, RdfLiteral)]


def gather(store: Store, lang: Lang = "sv") -> Comparison:
    """The comparison of every agreement, action plan and network in ``store``."""
    if as_lang(lang) is None:  # callers from Python get no FastAPI or click to check it
        raise ValueError(f"unsupported language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return _Gatherer(store, lang).gather()


# --- wording shared by every output ---------------------------------------------------------


def time_text(comparison: Comparison, spec: TimeSpec | None) -> str:
    """A date as the source gives it, or "okänt"/"unknown"."""
    return spec.label if spec is not None else comparison.text("unknown")


def signed_text(comparison: Comparison, row: AgreementRow) -> str:
    """When the row was signed; a network has no signed agreement by definition."""
    if row.signed is None and row.kind == "network":
        return comparison.text("no-agreement")
    return time_text(comparison, row.signed)


def validity_text(comparison: Comparison, row: AgreementRow) -> str:
    """From – until, "okänt" for an unknown end, the source's words for an open end ("tills
    vidare") when no end is recorded; just "okänt" when both are unknown."""
    until = time_text(comparison, row.valid_until)
    if row.valid_until is None and row.open_ended:
        until = row.open_ended
    if row.valid_from is None and row.valid_until is None and not row.open_ended:
        return comparison.text("unknown")
    return f"{time_text(comparison, row.valid_from)} – {until}"


def history_text(comparison: Comparison, row: AgreementRow) -> list[str]:
    """The history notes and, if known, the year since which agreements were signed."""
    lines = list(row.history)
    if row.agreements_since:
        lines.append(comparison.text("since", year=row.agreements_since))
    return lines


def unnamed_text(comparison: Comparison, row: AgreementRow) -> str | None:
    """The members a source counts but does not name, if any."""
    if row.unnamed_members:
        return comparison.text("unnamed-note", note=row.unnamed_members)
    if row.stated_member_count is not None:
        return comparison.text("unnamed", count=row.stated_member_count)
    return None


def partners_text(comparison: Comparison, row: AgreementRow) -> list[str]:
    """Partner labels, plus the unnamed members a source only counts."""
    unnamed = unnamed_text(comparison, row)
    return [p.label for p in row.partners] + ([unnamed] if unnamed else [])
