"""The Virtuoso dialect of the remote backend (``--endpoint-dialect virtuoso``).

Virtuoso (7.2, Debian's ``virtuoso-opensource``) departs from SPARQL 1.1 where the generic
backend (``remote.py``) relies on it; this subclass overrides its hook points:

- **The dataset.** Virtuoso's default graph is the union of every graph, its own system
  graphs included, and a query's ``FROM`` beats the protocol's ``default-graph-uri``. So the
  graph lives in named graphs: the default graph in a graph of its own per load
  (``urn:samverkan-kg:default:<id>``), each named graph under its IRI, and a small pointer
  graph (:data:`POINTER`, SPARQL Service Description terms) says which are the dataset. Every
  query is sent with ``default-graph-uri`` and ``named-graph-uri`` listing exactly those (or
  the client's choice among them, from the protocol or the query's ``FROM``, which is taken
  out of the text), so the system graphs are never visible.
- **Atomic loads.** ``upload`` fills a new default graph (in requests of
  :data:`UPLOAD_CHUNK` triples: Virtuoso stalls on one large body), then replaces the
  pointer (one Graph Store ``PUT``): a reader sees the old graph or the new one, never half
  of one. The graph before the previous one is dropped (the previous one stays until the
  next load, for readers holding the pointer, which is read again after
  :data:`POINTER_TTL` seconds; a load waits that long after its switch before dropping, so
  two loads in a row are safe too). Named graphs keep their IRIs (``GRAPH ?g`` answers them)
  and are replaced in place, one at a time: staging graphs switched by one SPARQL Update
  request (``MOVE``) would not help, as Virtuoso 7.2 commits each operation of a request on
  its own (``test_virtuoso_runs_an_update_request_operation_by_operation``).
- **Answers.** An ASK answered as a one-row table becomes a boolean; ``"1"``/``"0"`` typed
  ``xsd:boolean`` become ``true``/``false``, and so do ``xsd:integer`` ones in a column bound to
  a boolean expression (``BIND(?a = ?b AS ?same)``); ``nodeID://`` blank-node labels lose
  the prefix, so pyoxigraph's parsers read them.
- **Bindings.** A ``VALUES`` block after the WHERE group returns no rows, and one at the start
  of the group joined with sub-selects can run for minutes (``partnership-age`` with
  ``on=2021-09-01``: over 60 s, 0.1 s without it). A bound variable is written into the
  group as its value, and bound for the answer in the outer projection as
  ``(value AS ?var)`` (:func:`with_projected`); only where that cannot be done (``SELECT *``,
  a bound variable used after the group but not projected, another form) does the block go at
  the start of the group (``with_values(..., inside=True)``).
- **Closures.** A zero-or-more (or one-or-more) path to a constant
  (``?x a/rdfs:subClassOf* skg:Network``, ``?kind rdfs:subClassOf+ org:Organization .``)
  joined with an OPTIONAL loses rows on Virtuoso 7.2 (its open property-path issues). Such a
  closure is asked alone first (which Virtuoso answers right) and the pattern becomes a
  ``VALUES`` block of its members: ``?x a ?_closure1 … VALUES ?_closure1 { … }`` or
  ``VALUES ?kind { … }`` (:func:`closures`); a ``SELECT *`` then names the query's own
  variables (:func:`star_named`).
- **Credentials** are sent with HTTP Digest (Virtuoso's ``/sparql-graph-crud-auth``).

Queries naming Virtuoso's built-in functions (``bif:``, ``sql:``) are refused: they reach
past SPARQL into the database.
"""

import json
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

import httpx
import pyoxigraph as ox
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.term import Identifier

from ..query_text import parse_query
from .querying import QueryError, binding_name
from .remote import (
    Answer,
    RemoteError,
    RemoteStore,
    _keyword,
    _scan,
    by_graph,
    where_group,
    with_values,
)

#: The graph that says which graphs are the dataset.
POINTER: Final = "urn:samverkan-kg:dataset"
#: A graph that never holds anything: what a dataset with no default (or named) graph names.
NO_GRAPH: Final = "urn:samverkan-kg:no-graph"
#: Where each load's default graph goes (then an id).
DEFAULT_PREFIX: Final = "urn:samverkan-kg:default:"
#: Seconds the pointer read from the engine is trusted before it is read again.
POINTER_TTL: Final = 1.0
#: Triples per Graph Store request when loading (about 15 MB of N-Triples): Virtuoso 7.2
#: stalls on one large body (1e6 triples, 150 MB: no answer in 9 minutes, its locks held),
#: and takes 1e6 in 100,000-triple requests in about 35 s.
UPLOAD_CHUNK: Final = 100_000

_SD: Final = "http://www.w3.org/ns/sparql-service-description#"
_PREVIOUS: Final = "http://www.w3.org/ns/prov#wasRevisionOf"
_XSD: Final = "http://www.w3.org/2001/XMLSchema#"
_NODE_ID: Final = "nodeID://"
_JSON: Final = "application/sparql-results+json"
#: Virtuoso's answer header for "incomplete results: the query ran out of time".
_TIMED_OUT: Final = "S1TAT"
#: ``FROM [NAMED] iri`` (comments allowed between) at the start of the match.
_FROM: Final = re.compile(
    r"FROM(?:\s|#[^\n]*\n)+(?:NAMED(?:\s|#[^\n]*\n)+)?(?:<[^>]*>|[^\s{#<]+)", re.IGNORECASE
)
_TERM: Final = r"(?:<[^<>\s]*>|(?:[A-Za-z][\w-]*)?:[\w-]+)"
#: ``/P* C`` (or ``/P+ C``) ending a sequence path, the triple ending after it
#: (``a/rdfs:subClassOf* C``).
_SEQUENCE_CLOSURE: Final = re.compile(rf"/({_TERM})([*+])\s+({_TERM})(?=\s*[.;,}}])")
#: ``?v P* C .`` (or ``?v P+ C .``) as a triple of its own.
_BARE_CLOSURE: Final = re.compile(
    rf"(?<=[.{{}}\s])([?$]\w+)\s+({_TERM})([*+])\s+({_TERM})\s*(?:\.|(?=\}}))"
)
_DECLARATIONS: Final = re.compile(r"(?:PREFIX\s+[\w-]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.IGNORECASE)
#: Closures remembered (per dataset, prefixes, path and constant) before starting afresh.
_CLOSURES_KEPT: Final = 256
_OUTER_SELECT: Final = re.compile(r"\bSELECT\b(\s+(?:DISTINCT|REDUCED)\b)?", re.IGNORECASE)
_BUILT_INS: Final = re.compile(r"<\s*(?:bif|sql):", re.IGNORECASE)
#: Operators and functions whose value is a boolean, at the top of an expression.
_BOOLEAN_OPERATORS: Final = re.compile(r"[=<>]|&&|\|\||\bIN\b", re.IGNORECASE)
_FORMS: Final = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_BOOLEAN_CALLS: Final = re.compile(
    r"\s*(?:!|NOT\s+EXISTS\b|EXISTS\b|true\b|false\b|(?:BOUND|isIRI|isURI|isBlank|isLiteral"
    r"|isNumeric|REGEX|CONTAINS|STRSTARTS|STRENDS|LANGMATCHES|sameTerm)\s*\()",
    re.IGNORECASE,
)


class Pointer:
    """Which graphs are the dataset: the default graph's physical name and the named ones."""

    def __init__(self, default: str, named: Sequence[str], previous: str | None = None) -> None:
        self.default = default
        self.named = list(named)
        self.previous = previous

    def triples(self, iri: str) -> list[ox.Triple]:
        """The pointer as the triples of its graph ``iri``."""
        me = ox.NamedNode(iri)
        found = [ox.Triple(me, ox.NamedNode(_SD + "defaultGraph"), ox.NamedNode(self.default))]
        named = ox.NamedNode(_SD + "namedGraph")
        found += [ox.Triple(me, named, ox.NamedNode(g)) for g in self.named]
        if self.previous:
            found.append(ox.Triple(me, ox.NamedNode(_PREVIOUS), ox.NamedNode(self.previous)))
        return found


class VirtuosoStore(RemoteStore):
    """The remote backend over Virtuoso's SPARQL endpoint and Graph Store."""

    dialect = "virtuoso"

    def __init__(self, *args: Any, dataset: str = POINTER, **kwargs: Any) -> None:
        """``dataset``: the pointer graph's IRI (several registers can share one engine)."""
        super().__init__(*args, **kwargs)
        self.dataset_iri = dataset
        self.update_endpoint = None  # loads go through the Graph Store, behind the pointer
        self._pointer: tuple[float, Pointer] | None = None
        self._closures: dict[tuple[object, ...], list[str]] = {}

    @staticmethod
    def _auth(user: str, password: str) -> httpx.Auth:
        return httpx.DigestAuth(user, password)

    def _bind(self, sparql: str, bindings: Mapping[str, Identifier] | None) -> str:
        projected = with_projected(sparql, bindings)
        return projected if projected is not None else with_values(sparql, bindings, inside=True)

    # --- the dataset ---------------------------------------------------------------------

    def pointer(self, fresh: bool = False) -> Pointer:
        """The dataset's graphs as the engine's pointer says (cached :data:`POINTER_TTL` s)."""
        now = time.monotonic()
        if not fresh and self._pointer is not None and now - self._pointer[0] < POINTER_TTL:
            return self._pointer[1]
        me = self.dataset_iri
        query = f"SELECT ?p ?o WHERE {{ GRAPH <{me}> {{ <{me}> ?p ?o }} }}"
        body = self._post(query, _JSON, [NO_GRAPH], [me])
        answer = RemoteStore._read(self, query, _JSON, body)
        assert isinstance(answer, tuple)
        default, named, previous = NO_GRAPH, [], None
        for p, o in answer[1]:
            assert isinstance(p, ox.NamedNode) and isinstance(o, ox.NamedNode)
            if p.value == _SD + "defaultGraph":
                default = o.value
            elif p.value == _SD + "namedGraph":
                named.append(o.value)
            elif p.value == _PREVIOUS:
                previous = o.value
        found = Pointer(default, sorted(named), previous)
        self._pointer = (now, found)
        return found

    def _for_engine(
        self, sparql: str, default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None
    ) -> tuple[str, Sequence[str] | None, Sequence[str] | None]:
        if _BUILT_INS.search(sparql):
            raise QueryError("Virtuoso's built-in functions (bif:, sql:) are not allowed")
        current = self.pointer()
        text, from_default, from_named = without_from(sparql)
        if default_graphs is None and named_graphs is None and (from_default or from_named):
            default_graphs, named_graphs = from_default, from_named
        if default_graphs is None and named_graphs is None:
            defaults, named = [current.default], current.named
        else:  # the client's choice, among the dataset's named graphs only
            visible = set(current.named)
            defaults = [g for g in default_graphs or () if g in visible]
            named = [g for g in named_graphs or () if g in visible]
        defaults, named = defaults or [NO_GRAPH], named or [NO_GRAPH]
        return (
            closures(text, lambda p, c: self._closure(text, p, c, defaults, named)),
            defaults,
            named,
        )

    def _closure(
        self, sparql: str, path: str, constant: str, defaults: list[str], named: list[str]
    ) -> list[str] | None:
        """The terms ``path+`` leads from to ``constant`` (as SPARQL terms), None if one is a
        blank node (it cannot be written in a VALUES block)."""
        prologue = " ".join(_DECLARATIONS.findall(sparql))
        key = (tuple(defaults), tuple(named), prologue, path, constant)
        found = self._closures.get(key)  # shared by the threads answering queries
        if found is None:
            query = f"{prologue}\nSELECT DISTINCT ?c WHERE {{ ?c {path}+ {constant} }}"
            answer = RemoteStore._read(
                self, query, _JSON, self._post(query, _JSON, defaults, named)
            )
            assert isinstance(answer, tuple)
            terms = [row[0] for row in answer[1]]
            if any(not isinstance(t, ox.NamedNode) for t in terms):
                return None
            if len(self._closures) >= _CLOSURES_KEPT:
                self._closures.clear()
            self._closures[key] = found = [str(t) for t in terms]
        return found

    # --- answers -------------------------------------------------------------------------

    def _form(
        self, sparql: str, default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None
    ) -> dict[str, Any]:
        """With Virtuoso's ``timeout`` (ms), so the engine stops a slow query itself."""
        return {**super()._form(sparql, default_graphs, named_graphs), "timeout": _ms(self.timeout)}

    def _check(self, response: httpx.Response) -> None:
        """Virtuoso answers 200 with what it found so far when the timeout struck."""
        if response.headers.get("X-SQL-State") == _TIMED_OUT:
            raise RemoteError(503, f"query timeout: the query ran longer than {self.timeout:g} s")

    def _read(self, sparql: str, accept: str, body: bytes) -> Answer:
        if accept != _JSON:
            return super()._read(sparql, accept, body)
        data = json.loads(body)
        if "boolean" not in data:
            rows = data.get("results", {}).get("bindings", [])
            if _is_ask(sparql):  # Virtuoso's ASK as a one-row table
                return any(_truthy(value) for row in rows[:1] for value in row.values())
            booleans = boolean_variables(sparql)
            for row in rows:
                for name, value in row.items():
                    _normalise(value, name in booleans)
            body = json.dumps(data).encode("utf-8")
        return super()._read(sparql, accept, body)

    # --- loading -------------------------------------------------------------------------

    def upload(self, quads: Iterable[ox.Quad]) -> int:
        """Load into a new default graph and the named graphs, then switch the pointer."""
        graphs = by_graph(quads)
        before = self.pointer(fresh=True)
        fresh = DEFAULT_PREFIX + uuid.uuid4().hex
        count = 0
        for graph, triples in graphs.items():
            self._put(fresh if graph is None else graph, triples)
            count += len(triples)
        if None not in graphs:  # no default graph in the files: an empty one
            self._graph_store("PUT", fresh, [])
        named = sorted(g for g in graphs if g is not None)
        keep = before.default if before.default != NO_GRAPH else None
        self._graph_store("PUT", me := self.dataset_iri, Pointer(fresh, named, keep).triples(me))
        self._pointer = None
        dropped = [g for g in (before.previous,) if g and g not in (fresh, keep)]
        dropped += [g for g in before.named if g not in named]
        if dropped:  # a reader may hold a pointer to them for POINTER_TTL after the last switch
            time.sleep(POINTER_TTL)
        for graph in dropped:
            self._graph_store("DELETE", graph)
        return count

    def _put(self, graph: str, triples: Sequence[ox.Triple]) -> None:
        """Replace ``graph``: a PUT of the first :data:`UPLOAD_CHUNK` triples, then a POST
        (an addition) of each next chunk."""
        self._graph_store("PUT", graph, triples[:UPLOAD_CHUNK])
        for start in range(UPLOAD_CHUNK, len(triples), UPLOAD_CHUNK):
            self._graph_store("POST", graph, triples[start : start + UPLOAD_CHUNK])


def closures(sparql: str, closure: Callable[[str, str], list[str] | None]) -> str:
    """``sparql`` with each ``/P* C`` and ``?v P* C .`` (or ``P+``) replaced by a ``VALUES``
    block of the terms ``closure(P, C)`` gives (what ``P+`` leads from to C; with C itself for
    ``P*``), where it can be (not under GRAPH, where the closure would be another graph's)."""
    if "GRAPH" in sparql.upper() or ("*" not in sparql and "+" not in sparql):
        return sparql

    def members(path: str, operator: str, constant: str) -> str | None:
        found = closure(path, constant)
        if found is None:
            return None
        return " ".join([constant, *found] if operator == "*" else found)

    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), end == start: insert
    for found in _SEQUENCE_CLOSURE.finditer(sparql):
        terms = members(*found.group(1, 2, 3))
        if terms is not None:
            name = f"?_closure{len(edits)}"
            edits.append((found.start(), found.end(), f" {name}"))
            end = _group_end(sparql, found.end())
            edits.append((end, end, f" VALUES {name} {{ {terms} }} "))
    for found in _BARE_CLOSURE.finditer(sparql):
        terms = members(*found.group(2, 3, 4))
        if terms is not None:
            edits.append((found.start(), found.end(), f"VALUES {found.group(1)} {{ {terms} }}"))
    named = any("?_closure" in text for _, _, text in edits)
    original = sparql
    for start, end, text in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        sparql = sparql[:start] + text + sparql[end:]
    return star_named(original, sparql) if named else sparql


def _algebra(sparql: str) -> Any:
    """rdflib's algebra of a query (its parser taken one thread at a time)."""
    return translateQuery(parse_query(sparql)).algebra


def star_named(original: str, rewritten: str) -> str:
    """``rewritten`` with an outer ``SELECT *`` written as the variables ``original``'s
    ``*`` stands for (in the order they first appear: SPARQL leaves it open), so the answer's
    variables are the query's, without the rewrite's own (``?_closureN``)."""
    start, _ = where_group(rewritten)
    select = _OUTER_SELECT.search(rewritten[:start])
    star = select and re.match(r"\s*\*", rewritten[select.end() : start])
    if not select or not star:
        return rewritten
    try:
        found = _algebra(original).get("PV") or []
    except Exception:  # what rdflib cannot read goes as written
        return rewritten
    if not found:
        return rewritten
    # each variable's first place in the text: the order a reader wrote them in
    first: dict[str, int] = {}
    for seen in re.finditer(r"[?$](\w+)", original):
        first.setdefault(seen.group(1), seen.start())
    order = sorted((str(v) for v in found), key=lambda name: (first.get(name, len(original)), name))
    names = " ".join(f"?{name}" for name in order)
    at = select.end() + star.end()
    return f"{rewritten[: select.end()]} {names}{rewritten[at:]}"


def _group_end(sparql: str, start: int) -> int:
    """Where the group around ``start`` closes (the index of its ``}``)."""
    depth = 0
    for i, c in _scan(sparql[start:]):
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                return start + i
            depth -= 1
    raise QueryError("the query's group is not closed")


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


def without_from(sparql: str) -> tuple[str, list[str], list[str]]:
    """``sparql`` without its ``FROM``/``FROM NAMED`` clauses, and the graphs they named."""
    spans: list[tuple[int, int]] = []
    for i, c in _scan(sparql):
        if c == "{":
            break
        if c in "fF" and _keyword(sparql, i, "FROM") and sparql[i + 4 : i + 5] != ":":
            found = _FROM.match(sparql, i)
            if found is None:
                raise QueryError("the query's FROM clause names no graph")
            spans.append(found.span())
    if not spans:
        return sparql, [], []
    algebra = _algebra(sparql)
    clauses = algebra.get("datasetClause") or []
    defaults = [str(c.default) for c in clauses if c.default is not None]
    named = [str(c.named) for c in clauses if c.named is not None]
    text = "".join(_outside(sparql, spans))
    return text, defaults, named


def _outside(text: str, spans: list[tuple[int, int]]) -> Iterator[str]:
    last = 0
    for start, end in spans:
        yield text[last:start]
        last = end
    yield text[last:]


def with_projected(sparql: str, bindings: Mapping[str, Identifier] | None) -> str | None:
    """``sparql`` with each bound variable written as its value inside the WHERE group and
    bound in the outer SELECT's projection as ``(value AS ?var)``, with no ``VALUES`` block;
    None where that cannot be done (not a SELECT with named variables, or a bound variable
    used after the group without being projected)."""
    if not bindings:
        return sparql
    start, end = where_group(sparql)
    head, tail = sparql[:start], sparql[end:]
    select = _OUTER_SELECT.search(head)
    if select is None or "*" in head[select.end() :]:
        return None
    inlined = with_values(sparql, bindings)  # the group's variables replaced by their values
    inlined = inlined[: inlined.rindex("\nVALUES (")] + "\n"  # without the trailing block
    projection = head[select.end() :]
    for name, term in bindings.items():
        var = binding_name(name)
        variable = re.compile(rf"[?$]{re.escape(var)}(?![\w\u00B7-\uFFFF])")
        if variable.search(projection):
            projection = variable.sub(f"({term.n3()} AS ?{var})".replace("\\", "\\\\"), projection)
        elif variable.search(tail):
            return None
    return head[: select.end()] + projection + inlined[len(head) :]


def _is_ask(sparql: str) -> bool:
    """Whether the query's form is ASK (its first keyword that names a form)."""
    for i, c in _scan(sparql):
        for form in _FORMS:
            after = sparql[i + len(form) : i + len(form) + 1]  # ``ask:`` is a prefix
            if c in form[0] + form[0].lower() and _keyword(sparql, i, form) and after != ":":
                return form == "ASK"
    return False


def boolean_variables(sparql: str) -> set[str]:
    """Variables bound to a boolean expression: ``BIND(expr AS ?v)`` or ``(expr AS ?v)``."""
    opened: list[int] = []
    found: set[str] = set()
    for i, c in _scan(sparql):
        if c == "(":
            opened.append(i)
        elif c == ")" and opened:
            opened.pop()
        elif (
            opened
            and c in "aA"
            and sparql[i : i + 2].upper() == "AS"
            and sparql[i - 1 : i].isspace()
            and sparql[i + 2 : i + 3].isspace()
        ):
            named = re.match(r"AS\s+[?$](\w+)", sparql[i:], re.IGNORECASE)
            if named and _boolean(sparql[opened[-1] + 1 : i]):
                found.add(named.group(1))
    return found


def _boolean(expression: str) -> bool:
    """Whether an expression's value is a boolean: a comparison, a logical operator or a
    boolean function at its top level (not inside brackets: ``IF(?a < ?b, 1, 0)`` is not)."""
    if _BOOLEAN_CALLS.match(expression):
        return True
    depth, top = 0, []
    for _, c in _scan(expression):  # strings and IRIs skipped: a ``<`` left is an operator
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        top.append(c if depth == 0 else " ")
    return bool(_BOOLEAN_OPERATORS.search("".join(top)))


def _truthy(value: dict[str, Any]) -> bool:
    return str(value.get("value")) in ("1", "true")


def _normalise(value: dict[str, Any], boolean_column: bool) -> None:
    """One JSON result term as the standard writes it (in place)."""
    text = value.get("value")
    if not isinstance(text, str):
        return
    if value.get("type") in ("bnode", "uri") and text.startswith(_NODE_ID):
        value["type"], value["value"] = "bnode", text[len(_NODE_ID) :]
    datatype = value.get("datatype")
    if text in ("0", "1") and (
        datatype == _XSD + "boolean" or (boolean_column and datatype == _XSD + "integer")
    ):
        value["datatype"], value["value"] = _XSD + "boolean", "true" if text == "1" else "false"
