"""The page of one UN Sustainable Development Goal (``/sdg/13``): its short name, the UN's
long title, the UN's page one link away, and what in the graph bears on the goal — by kind,
with counts, paged as the listings are (``?kind=``, ``?page=``, ``?per_page=``).

What bears on a goal comes from the registry, not from this module: a kind whose listing
has an ``sdg`` facet bears on the goals its facet path reaches (areas and projects by
``skg:sdg``, agreements through their areas, action plans by their cross-cutting goals),
and a partnership bears on the goals of the resources whose ``partnership`` facet names it.
The queries are the listings' own (:class:`service.browse.query.Selection`), so a kind's
count here is the count of its listing filtered by the goal (linked from the page).
"""

from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlencode

from fastapi import Request, Response
from rdflib import Graph, Literal, URIRef

from ..browse.catalogue import rows_of
from ..browse.query import Selection
from ..claims import claims
from ..deps import request_language, request_links
from ..i18n import best_literal
from ..links import OUTSIDE_PATHS
from ..model import Facet, registry
from ..namespaces import RDF, RDFS, SDGO, SKOS
from ..pages import templates
from ..paging import BadPage, Paging
from ..settings import Settings
from ..store.base import Store
from ..words import words_table

#: The facet keys that say which goals a kind bears on and which partnership it is part of.
SDG_FACET: Final = "sdg"
PARTNERSHIP_FACET: Final = "partnership"


def is_goal(store: Store, iri: URIRef) -> bool:
    """Whether the graph says ``iri`` is one of the UN's goals (asked before describing it:
    a goal's page needs none of the thousands of links to it)."""
    return store.ask(f"ASK {{ ?r {RDF.type.n3()} {SDGO.Goal.n3()} }}", {"r": iri})


def _facet(slug: str, key: str) -> Facet | None:
    return next((f for f in registry().path_kind(slug).facets if f.key == key), None)


def _path(facet: Facet) -> str:
    return "/".join(p.n3() for p in facet.path)


def _of_kind(variable: str, slug: str) -> str:
    """``variable`` is a resource of one of the classes minted under the path ``slug``."""
    classes = sorted(registry().classes_at(slug))
    return " UNION ".join(f"{{ {variable} {RDF.type.n3()} {c.n3()} }}" for c in classes)


def bearing(base_iri: str, goal: URIRef) -> dict[str, str]:
    """Each path (in the listings' order) → a pattern binding ``?s`` to its resources that
    bear on ``goal``."""
    found: dict[str, str] = {}
    via_partnership: list[str] = []  # resources bearing on the goal, ?s their partnership
    paths = sorted(registry().paths.values(), key=lambda p: (p.order is None, p.order or 0))
    for kind in paths:
        sdg = _facet(kind.segment, SDG_FACET)
        if sdg is None:
            continue
        found[kind.segment] = f"?s {_path(sdg)} {goal.n3()} . {_of_kind('?s', kind.segment)}"
        partnership = _facet(kind.segment, PARTNERSHIP_FACET)
        if partnership is not None:
            via_partnership.append(
                f"{{ ?bearer {_path(sdg)} {goal.n3()} ; {_path(partnership)} ?s . "
                f"{_of_kind('?bearer', kind.segment)} }}"
            )
    partnerships = sorted({k.path for k in registry().partnerships if k.path})
    if not via_partnership:
        return found
    union = " UNION ".join(via_partnership)
    first = {
        slug: f"{{ SELECT DISTINCT ?s WHERE {{ {union} }} }} {_of_kind('?s', slug)}"
        for slug in partnerships
    }
    return {**first, **found}


@dataclass(frozen=True)
class GoalFacts:
    """What the page says about the goal itself."""

    number: str
    name: str  # the short name (rdfs:label) in the page's language
    name_lang: str | None
    title: Literal | None  # the UN's long title (skos:prefLabel unlike any short name)
    same_as: list[str]


def goal_facts(graph: Graph, goal: URIRef, lang: str) -> GoalFacts:
    """The goal's number, its one short name, the UN's long title and its other IRIs."""
    names = [o for o in graph.objects(goal, RDFS.label) if isinstance(o, Literal)]
    short = {str(n) for n in names}
    name = best_literal(names, lang)
    titles = [
        o
        for o in graph.objects(goal, SKOS.prefLabel)
        if isinstance(o, Literal) and str(o) not in short
    ]
    notation = graph.value(goal, SKOS.notation)
    number = str(notation) if notation is not None else str(goal).rsplit("/", 1)[-1]
    return GoalFacts(
        number=number,
        name=str(name) if name is not None else number,
        name_lang=name.language if name is not None else None,
        title=best_literal(titles, lang),
        same_as=sorted(str(o) for o in graph.objects(goal, SKOS.exactMatch)),
    )


def _count(store: Store, pattern: str, lang: str) -> int:
    rows = store.select(Selection(members=pattern, lang=lang).count()).rows
    return int(rows[0]["n"]) if rows else 0


def _bad(message: str) -> Response:
    return Response(message, status_code=400, media_type="text/plain")


def goal_response(
    request: Request,
    settings: Settings,
    store: Store,
    graph: Graph,
    goal: URIRef,
    forms: list[tuple[str, str, str]],
) -> Response:
    """The goal's HTML page (400 with the reason for a bad ``kind``/``page``/``per_page``)."""
    lang = request_language(request)
    local = request_links(request)
    base = settings.base_iri
    kinds = bearing(base, goal)
    params = request.query_params
    kind = params.get("kind") or None
    if kind is not None and kind not in kinds:
        return _bad(f"kind={kind[:40]}: use one of {', '.join(kinds)}")
    counts = {slug: _count(store, pattern, lang) for slug, pattern in kinds.items()}
    if kind is not None:
        chosen = kinds[kind]
    else:
        union = " UNION ".join(f"{{ {p} }}" for p in kinds.values())
        chosen = f"{{ SELECT DISTINCT ?s WHERE {{ {union} }} }}"
    # a resource is of one kind (its classes are minted under one path): the sum is the total
    count = counts[kind] if kind is not None else sum(counts.values())
    try:
        paging = Paging.asked(params, count)
    except BadPage as error:
        return _bad(str(error))
    selection = Selection(members=chosen, lang=lang)
    found = store.select(selection.ordered(paging.per_page, paging.offset)).rows
    iris = [s for s in (row.get("s") for row in found) if isinstance(s, URIRef)]
    rows, _ = rows_of(store, base, iris, [], lang, claims(store))

    def address(**changes: Any) -> str:
        fields = {"kind": kind, "per_page": params.get("per_page"), "page": paging.page,
                  "lang": params.get("lang")}  # fmt: skip
        fields.update(changes)
        if fields["page"] == 1:
            fields["page"] = None
        pairs = [(k, v) for k, v in fields.items() if v is not None]
        return "?" + urlencode(pairs) if pairs else request.url.path

    root = request.scope.get("root_path", "").rstrip("/")
    sections = [
        {
            "slug": slug,
            "name": registry().path_kind(slug).name(lang),
            "count": counts[slug],
            "href": address(kind=slug, page=1),
            "chosen": slug == kind,
            "listing": (
                f"{root}/{slug}?{urlencode({SDG_FACET: str(goal)})}"
                if _facet(slug, SDG_FACET) is not None
                else None
            ),
        }
        for slug in kinds
    ]
    words = words_table(lang, "goal")
    return templates.TemplateResponse(
        request,
        "goal.html",
        {
            "lang": lang,
            "words": words,
            "browse_words": words_table(lang, "browse"),
            "goal": goal_facts(graph, goal, lang),
            "iri": str(goal),
            "scheme_href": local(OUTSIDE_PATHS[SDG_FACET]),
            "sections": sections,
            "all_href": address(kind=None, page=1),
            "kind": kind,
            "rows": rows,
            "count": count,
            "paging": paging,
            "nav": paging.nav(lambda n: address(page=n)),
            "href": local,
            "forms": forms,
            "switch": f"{request.url.path}?lang={words['other']}",
        },
        headers={"Vary": "Accept, Accept-Language"},
    )
