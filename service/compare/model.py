"""The side-by-side comparison of agreements, gathered from the Store with SPARQL.

One place computes what the HTML page, CSV, JSON, SVG and CLI show. The rows are the
resources of the kinds the registry of the model compares (``service/model.py``: today
``skg:CollaborationAgreement``, ``skg:ActionPlan`` and ``skg:Network``, and their subclasses)
in the default graph; every fact comes from the graph, nothing is hard-coded here but
wording ("okänt").

What a row counts:
- projects: for an action plan, the projects it lists (``skg:listedIn``); for a signed
  agreement or a network, the projects of its partnership (``skg:partnership``);
- events: the ``schema:Event``s of its partnership;
- SDGs: the union of its collaboration areas' goals, its projects' goals and (for a plan) its
  cross-cutting goals;
- areas: its own ``skg:hasCollaborationArea`` or, for a plan, those of the agreement it
  implements; a network has none, so its challenges and its events' themes are shown instead.

The SDG matrix has a row per agreement and, under it, a row per collaboration area. Each
row says which of three cases holds for its goals (``skg:sdgCoverage``): the source names
these goals, the source names no goal, or not recorded. An area cell says whether the area
lists the goal and how many of the row's projects within the area address it; an agreement
cell aggregates: any of its areas lists the goal, and how many of its projects (within an
area or not) address it.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Final, Literal, cast

from rdflib.term import Identifier, URIRef
from rdflib.term import Literal as RdfLiteral

from ..claims import Claims, claims
from ..evidence import Source, sources
from ..i18n import LANGUAGES, Lang, as_lang, best_literal
from ..labels import fetch_labels
from ..model import registry
from ..namespaces import SKG
from ..store.base import Store
from ..words import say
from .choice import Choice, Group
from .queries import (
    COVERAGE_QUERY,
    GOALS_QUERY,
    area_sdgs,
    classes,
    members,
    project_facts,
    queries,
    selection,
    years,
)

#: The kind of a row: the ``skg:comparedAs`` of its class ("agreement", "network", …).
Kind = str
Level = Literal["group", "agreement", "area"]
GroupKind = Literal["collaboration-area", "challenge", "theme"]
#: Which of the three cases holds for a row's goals (skg:sdgCoverage, or its absence).
Coverage = Literal["stated", "none", "not-recorded"]
#: The individuals of skg:SdgCoverage, by case.
COVERAGE_VALUES: Final[dict[URIRef, Coverage]] = {
    SKG.SdgsStated: "stated",
    SKG.NoSdgsInSource: "none",
}


@dataclass(frozen=True)
class Ref:
    """A resource and its label in the chosen language."""

    iri: str
    label: str
    #: The curators' note when the link from the row to this resource is their judgement.
    judgement: str | None = None


@dataclass(frozen=True)
class Judgement:
    """A fact of a row that is the curators' judgement: which facet, its value, their note."""

    facet: str
    value: str
    note: str


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
    without_agreement: bool  # a partnership compared by itself, such as a network
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
    #: The source documents stating the row, cited by title and public address.
    sources: list[Source]
    #: Every fact of the row that is the curators' judgement (empty: all stated).
    judgements: list[Judgement] = field(default_factory=list)
    #: What the source says about the row's goals.
    sdg_coverage: Coverage = "not-recorded"
    #: Each project's goals (the matrix grouped by university or partner counts projects).
    project_goals: dict[str, frozenset[int]] = field(default_factory=dict, compare=False)

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
    #: Whether a goal link behind the cell is the curators' judgement rather than stated.
    judged: bool = False

    @property
    def covered(self) -> bool:
        return self.area_lists or self.cross_cutting or self.projects > 0


@dataclass(frozen=True)
class MatrixRow:
    """A row of the SDG matrix: an agreement, or one of its areas under it; grouped, a
    university or partner, and its agreements under it (``agreement`` is then the group's
    IRI on the group's row)."""

    level: Level
    iri: str
    label: str
    agreement: str
    cells: dict[int, Cell] = field(default_factory=dict)
    #: What the source says about the goals of this agreement or area.
    coverage: Coverage = "not-recorded"
    nested: bool = False  # shown under the row above it


@dataclass(frozen=True)
class Counted:
    """A choice a form offers: a resource and how many rows it is a member of."""

    ref: Ref
    rows: int


@dataclass(frozen=True)
class Options:
    """What a reader can choose from: universities and partners (each with its number of
    rows, most first), the kinds of partner and the years rows were signed or began in."""

    universities: list[Counted]
    partners: list[Counted]
    kinds: list[Ref]
    years: list[int]


@dataclass(frozen=True)
class Comparison:
    """The whole comparison in one language."""

    lang: Lang
    goals: list[Goal]
    rows: list[AgreementRow]
    matrix: list[MatrixRow]
    choice: Choice = field(default_factory=lambda: Choice(every=True))
    total: int = 0  # the rows the choice picks, before the cap
    group: Group = "agreement"
    default: bool = False  # the choice is the comparison's own (the reader chose nothing)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)

    def text(self, key: str, **values: object) -> str:
        return say(self.lang, f"compare.{key}", **values)

    def coverage_text(self, coverage: Coverage) -> str:
        """ "the source names these goals", "… no goal" or "not recorded", in the language."""
        return self.text(f"coverage-{coverage}")


def _pick(literals: list[RdfLiteral], lang: str) -> str | None:
    best = best_literal(literals, lang)
    return None if best is None else str(best)


def _text(term: Identifier | None) -> str:
    return "" if term is None else str(term)


class _Gatherer:
    """Runs the comparison's queries and assembles the rows; one instance per request."""

    def __init__(
        self, store: Store, lang: Lang, choice: Choice, cap: int | None, stated_only: bool = False
    ) -> None:
        self.store = store
        self.lang = lang
        self.choice = choice
        self.cap = cap
        self.model = registry()
        #: The kinds of row in order (agreements, plans, then partnerships) and their classes.
        self.kinds = {k.compared_as: k for k in self.model.compared if k.compared_as}
        self.order = {kind: i for i, kind in enumerate(self.kinds)}
        self.claims: Claims = claims(store)
        self.stated_only = stated_only
        #: (row, facet, value) -> the curators' note, for facts that are their judgement.
        self.notes: dict[tuple[URIRef, str, Identifier], str] = {}
        #: What the source says about each resource's goals (absent: not recorded).
        self.coverage: dict[URIRef, Coverage] = {}
        #: Goal links (resource, goal) that are the curators' judgement.
        self.judged_goals: set[tuple[URIRef, URIRef]] = set()

    def _judged(self, s: Identifier | None, p: Identifier, o: Identifier) -> str | None:
        """The curators' note if ``s p o`` is their judgement."""
        claim = None if s is None else self.claims.of(s, p, o)
        return None if claim is None else claim.note(self.lang)

    def gather(self, group: Group) -> Comparison:
        chosen = self._rows()
        order = sorted(
            chosen.items(),
            key=lambda item: (
                self.kinds[item[1][0]].is_partnership,  # partnerships compared by themselves last
                str(item[1][1] or ""),
                self.order[item[1][0]],
                str(item[0]),
            ),
        )
        total = len(order)
        order = order[: self.cap] if self.cap is not None else order
        rows = dict(order)
        # Every further query asks about the chosen rows only (VALUES), never the graph.
        asked = queries(
            self.model, {str(r): (k, str(p) if p else None) for r, (k, p) in rows.items()}
        )
        facts = self._facts(asked.facts) if rows else {}
        dates = self._dates(asked.dates) if rows else {}
        projects = self._projects(asked.projects) if rows else {}
        listed = {a for f in facts.values() for a in f.get("collaboration-area", [])}
        listed |= {
            a for p in projects.values() for project_areas, _ in p.values() for a in project_areas
        }
        area_sdgs = self._area_sdgs({str(a) for a in listed if isinstance(a, URIRef)})
        goals_by_iri = self._goals()
        iris = set(rows) | set(goals_by_iri) | {k.iri for k in self.kinds.values()}
        iris |= {p for _, p in rows.values() if p is not None}
        for by_facet in facts.values():
            for facet in ("partner", "body", "collaboration-area", "challenge", "theme", "event"):
                iris |= {v for v in by_facet.get(facet, []) if isinstance(v, URIRef)}
        for by_project in projects.values():
            iris |= set(by_project)
        labels = fetch_labels(self.store, iris, self.lang)
        cited = sources(self.store, self.lang)
        self.coverage = self._coverage()

        def ref(iri: URIRef, judgement: str | None = None) -> Ref:
            return Ref(str(iri), labels.get(iri, str(iri)), judgement)

        def refs(values: list[Identifier], row: URIRef | None = None, facet: str = "") -> list[Ref]:
            notes = self.notes
            found = {
                ref(v, notes.get((row, facet, v)) if row is not None else None)
                for v in values
                if isinstance(v, URIRef)
            }
            return sorted(found, key=lambda r: (r.label.casefold(), r.iri))

        def judgements(row: URIRef) -> list[Judgement]:
            found = [
                Judgement(facet, labels.get(v, str(v)) if isinstance(v, URIRef) else str(v), n)
                for (r, facet, v), n in self.notes.items()
                if r == row
            ]
            return sorted(found, key=lambda j: (j.facet, j.value))

        def numbers(sdgs: set[URIRef]) -> list[int]:
            return sorted({goals_by_iri[s] for s in sdgs if s in goals_by_iri})

        goals = sorted(
            (Goal(n, str(iri), labels.get(iri, str(n))) for iri, n in goals_by_iri.items()),
            key=lambda g: g.number,
        )
        result_rows: list[AgreementRow] = []
        matrix: list[MatrixRow] = []
        for iri, (kind, partnership) in order:
            row_facts = facts.get(iri, {})
            row_projects = projects.get(iri, {})
            kinds: tuple[GroupKind, ...] = ("collaboration-area", "challenge", "theme")
            groups = [
                ConceptGroup(k, self._word(k), refs(row_facts.get(k, []), iri, k)) for k in kinds
            ]
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
                    kind_label=labels.get(self.kinds[kind].iri, kind),
                    without_agreement=self.kinds[kind].is_partnership,
                    partnership=ref(partnership) if partnership is not None else None,
                    partners=refs(row_facts.get("partner", []), iri, "partner"),
                    stated_member_count=max(counts) if counts else None,
                    unnamed_members=_pick(_literals(row_facts.get("unnamed-members")), self.lang),
                    signed=row_dates.get(SKG.signed),
                    valid_from=row_dates.get(SKG.validFrom),
                    valid_until=row_dates.get(SKG.validUntil),
                    open_ended=_pick(_literals(row_facts.get("open-ended")), self.lang),
                    history=self._history(row_facts),
                    agreements_since=since[0] if since else None,
                    governance_bodies=refs(row_facts.get("body", []), iri, "body"),
                    groups=groups,
                    sdgs=numbers(sdgs),
                    cross_cutting_sdgs=numbers(cross),
                    projects=refs(list(row_projects)),
                    events=refs(row_facts.get("event", []), iri, "event"),
                    sources=sorted(
                        {
                            cited.get(str(v), Source(str(v), str(v)))
                            for v in row_facts.get("source", [])
                        },
                        key=lambda s: (s.identifier or s.iri, s.title),
                    ),
                    judgements=judgements(iri),
                    sdg_coverage=self.coverage.get(iri, "not-recorded"),
                    project_goals={
                        str(p): frozenset(numbers(p_sdgs))
                        for p, (_, p_sdgs) in row_projects.items()
                    },
                )
            )
            matrix += self._matrix_rows(
                result_rows[-1], row_projects, area_sdgs, cross, goals_by_iri
            )
        if group != "agreement":
            matrix = self._grouped(group, result_rows, matrix)
        return Comparison(
            self.lang, goals, result_rows, matrix, self.choice, total, group, default=False
        )

    def _grouped(
        self, group: Group, rows: list[AgreementRow], matrix: list[MatrixRow]
    ) -> list[MatrixRow]:
        """The matrix per university (or per partner: the members that are not
        universities), each group's agreements under it; a group's cell says whether any of
        its agreements' areas lists the goal, and how many distinct projects address it."""
        partners = {p.iri for r in rows for p in r.partners}
        universities = self._universities(partners)
        by_row = {m.iri: m for m in matrix if m.level == "agreement"}
        members: dict[str, tuple[Ref, list[AgreementRow]]] = {}
        for row in rows:
            for p in row.partners:
                if (p.iri in universities) == (group == "university"):
                    members.setdefault(p.iri, (p, []))[1].append(row)
        result: list[MatrixRow] = []
        for ref, its_rows in sorted(
            members.values(), key=lambda g: (g[0].label.casefold(), g[0].iri)
        ):
            cells: dict[int, Cell] = {}
            for n in sorted({n for r in its_rows for n in by_row[r.iri].cells}):
                row_cells = [by_row[r.iri].cells.get(n, Cell()) for r in its_rows]
                projects = {
                    p for r in its_rows for p, goals in r.project_goals.items() if n in goals
                }
                cells[n] = Cell(
                    area_lists=any(c.area_lists for c in row_cells),
                    cross_cutting=any(c.cross_cutting for c in row_cells),
                    projects=len(projects),
                )
            result.append(MatrixRow("group", ref.iri, ref.label, ref.iri, cells))
            result += [
                MatrixRow("agreement", r.iri, r.label, ref.iri, by_row[r.iri].cells, nested=True)
                for r in its_rows
            ]
        return result

    def _universities(self, iris: set[str]) -> set[str]:
        """Which of these resources are universities (by the registry's class hierarchy)."""
        if not iris:
            return set()
        found: set[str] = set()
        for r in self.store.select(classes(sorted(iris))).rows:
            cls = r.get("class")
            kind = self.model.kinds.get(cls) if isinstance(cls, URIRef) else None
            if kind is not None and kind.is_university:
                found.add(str(r.get("s")))
        return found

    def _word(self, key: str) -> str:
        return say(self.lang, f"compare.{key}")

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
        def judged(resources: set[URIRef]) -> set[int]:  # goals the curators claim for these
            return {goals[g] for r, g in self.judged_goals if r in resources and g in goals}

        row_iri = URIRef(row.iri)
        cross_judged = {
            goals[g]
            for (r, facet, g) in self.notes
            if r == row_iri and facet == "cross-cutting" and isinstance(g, URIRef) and g in goals
        }
        area_rows: list[MatrixRow] = []
        listed_any: set[int] = set()
        for area in row.areas:
            area_iri = URIRef(area.iri)
            in_area = {p for p, (areas, _) in row_projects.items() if area_iri in areas}
            area_judged = judged({area_iri} | in_area)
            listed = {goals[s] for s in area_sdgs.get(area_iri, set()) if s in goals}
            listed_any |= listed
            per_goal: dict[int, int] = defaultdict(int)
            for areas_of_project, project_sdgs in row_projects.values():
                if area_iri in areas_of_project:
                    for n in {goals[s] for s in project_sdgs if s in goals}:
                        per_goal[n] += 1
            cells = {
                n: Cell(
                    area_lists=n in listed, projects=per_goal.get(n, 0), judged=n in area_judged
                )
                for n in sorted(listed | set(per_goal))
            }
            coverage = self.coverage.get(area_iri, "not-recorded")
            area_rows.append(
                MatrixRow("area", area.iri, area.label, row.iri, cells, coverage, nested=True)
            )
        per_goal_all: dict[int, int] = defaultdict(int)
        for _areas, project_sdgs in row_projects.values():
            for n in {goals[s] for s in project_sdgs if s in goals}:
                per_goal_all[n] += 1
        cross_numbers = {goals[s] for s in cross if s in goals}
        covered = listed_any | cross_numbers | set(per_goal_all)
        row_judged = cross_judged | judged({URIRef(a.iri) for a in row.areas} | set(row_projects))
        cells = {
            n: Cell(
                area_lists=n in listed_any,
                cross_cutting=n in cross_numbers,
                projects=per_goal_all.get(n, 0),
                judged=n in row_judged,
            )
            for n in sorted(covered)
        }
        agreement = MatrixRow("agreement", row.iri, row.label, row.iri, cells, row.sdg_coverage)
        return [agreement, *area_rows]

    # --- queries -------------------------------------------------------------------------

    def _rows(self) -> dict[URIRef, tuple[Kind, URIRef | None]]:
        found: dict[URIRef, tuple[Kind, URIRef | None]] = {}
        for r in self.store.select(selection(self.model, self.choice)).rows:
            row, kind, partnership = r.get("row"), _text(r.get("kind")), r.get("partnership")
            if not isinstance(row, URIRef) or kind not in self.order:
                continue
            p = partnership if isinstance(partnership, URIRef) else None
            known = found.get(row)
            # A resource of two kinds, or with two partnerships: keep one, deterministically.
            candidate = (kind, p)
            if known is None or (self.order[kind], str(p)) < (
                self.order[known[0]],
                str(known[1]),
            ):
                found[row] = candidate
        return found

    def _facts(self, query: str) -> dict[URIRef, dict[str, list[Identifier]]]:
        facts: dict[URIRef, dict[str, list[Identifier]]] = defaultdict(lambda: defaultdict(list))
        for r in self.store.select(query).rows:
            row, facet, value = r.get("row"), _text(r.get("facet")), r.get("value")
            if not isinstance(row, URIRef) or value is None:
                continue
            predicate = r.get("predicate")
            note = None if predicate is None else self._judged(r.get("subject"), predicate, value)
            if note is not None:
                if self.stated_only:
                    continue
                self.notes[(row, facet, value)] = note
            if value not in facts[row][facet]:
                facts[row][facet].append(value)
        return facts

    def _dates(self, query: str) -> dict[URIRef, dict[URIRef, TimeSpec]]:
        grouped: dict[tuple[URIRef, URIRef], dict[str, list[Identifier]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for r in self.store.select(query).rows:
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

    def _projects(self, query: str) -> dict[URIRef, dict[URIRef, tuple[set[URIRef], set[URIRef]]]]:
        """Row -> project -> (its areas, its goals)."""
        found: dict[URIRef, dict[URIRef, tuple[set[URIRef], set[URIRef]]]] = defaultdict(dict)
        for r in self.store.select(query).rows:
            row, project = r.get("row"), r.get("project")
            if isinstance(row, URIRef) and isinstance(project, URIRef):
                found[row][project] = (set(), set())
        of_project = [
            (p, facts) for by_project in found.values() for p, facts in by_project.items()
        ]
        wanted = sorted({str(p) for p, _ in of_project})
        areas_sdgs: dict[URIRef, tuple[set[URIRef], set[URIRef]]] = defaultdict(
            lambda: (set(), set())
        )
        for start in range(0, len(wanted), 1000):
            for r in self.store.select(project_facts(wanted[start : start + 1000])).rows:
                project, area, sdg = r.get("project"), r.get("area"), r.get("sdg")
                if not isinstance(project, URIRef):
                    continue
                areas, sdgs = areas_sdgs[project]
                if isinstance(area, URIRef):
                    areas.add(area)
                if isinstance(sdg, URIRef) and self._goal(project, sdg):
                    sdgs.add(sdg)
        for project, (areas, sdgs) in of_project:
            areas |= areas_sdgs[project][0]
            sdgs |= areas_sdgs[project][1]
        return found

    def _area_sdgs(self, areas: set[str]) -> dict[URIRef, set[URIRef]]:
        found: dict[URIRef, set[URIRef]] = defaultdict(set)
        if not areas:
            return found
        for r in self.store.select(area_sdgs(sorted(areas))).rows:
            area, sdg = r.get("area"), r.get("sdg")
            if isinstance(area, URIRef) and isinstance(sdg, URIRef) and self._goal(area, sdg):
                found[area].add(sdg)
        return found

    def _coverage(self) -> dict[URIRef, Coverage]:
        found: dict[URIRef, Coverage] = {}
        for r in self.store.select(COVERAGE_QUERY).rows:
            resource, value = r.get("resource"), r.get("coverage")
            if isinstance(resource, URIRef) and value in COVERAGE_VALUES:
                found[resource] = COVERAGE_VALUES[cast(URIRef, value)]
        return found

    def _goal(self, resource: URIRef, sdg: URIRef) -> bool:
        """Whether to count ``resource skg:sdg sdg`` (noting it if the curators claim it)."""
        if self._judged(resource, SKG.sdg, sdg) is None:
            return True
        self.judged_goals.add((resource, sdg))
        return not self.stated_only

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


def gather(
    store: Store,
    lang: Lang = "sv",
    choice: Choice | None = None,
    group: Group = "agreement",
    offered: Options | None = None,
    stated_only: bool = False,
) -> Comparison:
    """The comparison of the rows ``choice`` picks in ``store`` (at most its cap; no choice:
    every agreement, action plan and network, uncapped). The default choice (nothing
    chosen) is the rows of the university with the most of them (``offered``'s first, asked
    if not given). Facts the curators claim are marked (service.claims); ``stated_only``
    leaves them out."""
    if as_lang(lang) is None:  # callers from Python get no FastAPI or click to check it
        raise ValueError(f"unsupported language {lang!r}: use one of {', '.join(LANGUAGES)}")
    if choice is None:
        return _Gatherer(store, lang, Choice(every=True), None, stated_only).gather(group)
    cap = choice.cap
    default = choice.is_default
    if default:
        universities = (offered or options(store, lang)).universities
        if universities:
            choice = choice.with_university(universities[0].ref.iri)
        else:
            choice = Choice(every=True, limit=choice.limit)
    comparison = _Gatherer(store, lang, choice, cap, stated_only).gather(group)
    return replace(comparison, default=default)


def options(store: Store, lang: Lang) -> Options:
    """What a reader can choose from (asked over the compared rows and their members)."""
    model = registry()
    rows = _Gatherer(store, lang, Choice(every=True), None)._rows()
    rows_of: dict[URIRef, set[URIRef]] = defaultdict(set)  # partnership → its rows
    for row, (_, partnership) in rows.items():
        if partnership is not None:
            rows_of[partnership].add(row)
    counted_rows: dict[URIRef, set[URIRef]] = defaultdict(set)  # member → its rows
    kinds_of: dict[URIRef, set[URIRef]] = defaultdict(set)
    wanted = sorted(str(p) for p in rows_of)
    for start in range(0, len(wanted), 1000):
        for r in store.select(members(wanted[start : start + 1000])).rows:
            of, member, cls = r.get("partnership"), r.get("member"), r.get("class")
            if isinstance(member, URIRef) and isinstance(of, URIRef):
                counted_rows[member] |= rows_of.get(of, set())
                if isinstance(cls, URIRef):
                    kinds_of[member].add(cls)
    counts = {member: len(found) for member, found in counted_rows.items()}
    found_years: set[int] = set()
    every_row = sorted(str(r) for r in rows)
    for start in range(0, len(every_row), 1000):
        for r in store.select(years(every_row[start : start + 1000])).rows:
            text = str(r.get("earliest") or "")[:4]
            if text.isdigit():
                found_years.add(int(text))
    organisations = [k for k in model.organisations if any(k.iri in c for c in kinds_of.values())]
    labels = fetch_labels(store, [*counts, *(k.iri for k in organisations)], lang)

    def university(member: URIRef) -> bool:
        return any(
            model.kinds[c].is_university for c in kinds_of.get(member, ()) if c in model.kinds
        )

    def counted(wanted: bool) -> list[Counted]:
        found = [
            Counted(Ref(str(m), labels.get(m, str(m))), n)
            for m, n in counts.items()
            if university(m) == wanted
        ]
        return sorted(found, key=lambda c: (-c.rows, c.ref.label.casefold(), c.ref.iri))

    return Options(
        universities=counted(True),
        partners=counted(False),
        kinds=[Ref(str(k.iri), labels.get(k.iri) or k.label(lang)) for k in organisations],
        years=sorted(found_years, reverse=True),
    )


# --- wording shared by every output ---------------------------------------------------------


def time_text(comparison: Comparison, spec: TimeSpec | None) -> str:
    """A date as the source gives it, or "okänt"/"unknown"."""
    return spec.label if spec is not None else comparison.text("unknown")


def signed_text(comparison: Comparison, row: AgreementRow) -> str:
    """When the row was signed; a network (a partnership compared by itself) has no signed
    agreement by definition."""
    if row.signed is None and row.without_agreement:
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
