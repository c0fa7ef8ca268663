"""A remote backend: a SPARQL 1.1 engine with the standard's dataset semantics.

Tested against ``oxigraph serve``; an engine that departs from the standard gets a dialect
that subclasses :class:`RemoteStore` and overrides its hook points (``_auth``, ``_bind``,
``_for_engine``, ``_form``, ``_check``, ``_read``, ``upload``): Virtuoso's is ``virtuoso.py``.

Queries go over the SPARQL 1.1 Protocol; ``samverkan load --endpoint`` uploads through the
Graph Store Protocol (``PUT ?default`` / ``PUT ?graph=IRI``). A client's query is checked
here as on the embedded backends (read-only, no SERVICE), then sent on; the engine's answer
is read with pyoxigraph's parsers and written again by pyoxigraph in the format the client
chose, cut at ``max_rows`` — so every backend answers the same bytes for the same data.
Trusted queries with bindings get each value substituted in their WHERE group and bound for
the rest by a trailing ``VALUES`` block (SEP-0007's substitution, for the queries the project
writes; see :func:`with_values`). Credentials come from
the environment only (``SAMVERKAN_ENDPOINT_USER`` / ``SAMVERKAN_ENDPOINT_PASSWORD``).
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

import httpx
import pyoxigraph as ox
from anyio import to_thread
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.term import Identifier

from .. import formats as f
from ..formats import BY_FORM, Format
from ..negotiation import NotAcceptable, choose
from ..query_text import QueryRejected, inspect_query
from ..serialize import serialize
from ..settings import Settings
from ..terms import rdflib_term
from .base import SelectResult, SparqlReply, SparqlRequest
from .engine_writers import boolean_bytes, rows_bytes, triples_bytes
from .querying import QueryError, QueryResult, TypedQueries, binding_name, typed_reply

_SOLUTIONS: Final = "application/sparql-results+json"
_TRIPLES: Final = "application/n-triples"
_COUNT: Final = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
_GRAPHS: Final = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_QUADS: Final = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


#: An engine's answer as plain values: a boolean, (variables, rows of terms), or triples.
Answer = bool | tuple[list[str], list[list[object]]] | list[ox.Triple]


class RemoteError(QueryError):
    """The remote engine refused the query (its message) or could not be reached."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _scan(sparql: str) -> Iterator[tuple[int, str]]:
    """Each character outside strings, IRIs and comments, with its index."""
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "\"'":
            quote = sparql[i : i + 3] if sparql[i : i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "<":
            end = sparql.find(">", i)
            if end > 0 and not any(ch.isspace() for ch in sparql[i + 1 : end]):
                i = end + 1
                continue
        yield i, c
        i += 1


def where_group(sparql: str) -> tuple[int, int]:
    """Where the query's WHERE group is: the indices of its ``{`` and its ``}``.

    The group is the top-level one after ``WHERE``, or the first top-level group of a
    query that omits the keyword (``ASK { ... }``); QueryError if there is none.
    """
    depth, opened, after_where = 0, -1, False
    groups: list[tuple[int, int, bool]] = []
    for i, c in _scan(sparql):
        if c == "{":
            if depth == 0:
                opened = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0 and opened >= 0:
                groups.append((opened, i, after_where))
                after_where = False
        elif depth == 0 and sparql[i : i + 5].upper() == "WHERE" and not _word(sparql, i - 1):
            after_where = not _word(sparql, i + 5)
    for opened, closed, follows_where in groups:
        if follows_where:
            return opened, closed
    if groups:
        return groups[0][0], groups[0][1]
    raise QueryError("the query has no WHERE group to bind values in")


def _word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _keyword(text: str, i: int, word: str) -> bool:
    """Whether ``word`` (upper case) starts at ``i`` as a word of its own."""
    return (
        text[i : i + len(word)].upper() == word
        and not _word(text, i - 1)
        and text[i - 1 : i] not in ("?", "$", ":")
        and not _word(text, i + len(word))
    )


def with_values(
    sparql: str, bindings: Mapping[str, Identifier] | None, *, inside: bool = False
) -> str:
    """``sparql`` with ``bindings`` substituted, as SEP-0007 (pyoxigraph) does.

    Each bound variable is replaced by its value inside the WHERE group, and bound for the
    rest of the query (projection, template, ordering) by a trailing ``VALUES`` block — or,
    ``inside``, by one at the start of the WHERE group (for engines that drop a trailing one).
    """
    if not bindings:
        return sparql
    terms: dict[str, str] = {}
    for name, term in bindings.items():
        if isinstance(term, BNode):
            raise QueryError(
                f"cannot bind ?{binding_name(name)} to a blank node on a remote engine"
            )
        terms[binding_name(name)] = term.n3()
    start, end = where_group(sparql)
    out: list[str] = []
    last = start
    projecting = False  # in a sub-select's variable list, where a value must stay named
    for i, c in _scan(sparql[start:end]):
        at = start + i
        if c == "{" or _keyword(sparql, at, "WHERE"):
            projecting = False
        elif _keyword(sparql, at, "SELECT"):
            projecting = True
        if c in "?$" and at >= last:
            j = at + 1
            while j < end and _word(sparql, j):
                j += 1
            name = sparql[at + 1 : j]
            if name in terms:
                value = f"({terms[name]} AS ?{name})" if projecting else terms[name]
                out += [sparql[last:at], value]
                last = j
    body = "".join(out) + sparql[last:end]
    names = " ".join(f"?{name}" for name in terms)
    values = f"VALUES ({names}) {{ ({' '.join(terms.values())}) }}"
    if inside:
        return f"{sparql[: start + 1]} {values}\n{body[1:]}{sparql[end:]}"
    return f"{sparql[:start]}{body}{sparql[end:]}\n{values}\n"


class RemoteStore(TypedQueries):
    """The Store protocol over a SPARQL 1.1 endpoint (and its Graph Store Protocol URL)."""

    name = "remote"

    def __init__(
        self,
        endpoint: str,
        graph_store: str | None = None,
        auth: httpx.Auth | tuple[str, str] | None = None,
        timeout: float = 30.0,
        update: str | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.graph_store = graph_store or endpoint
        self.update_endpoint = update
        self.timeout = timeout
        self._client = httpx.Client(auth=auth, timeout=timeout, follow_redirects=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> "RemoteStore":
        assert settings.endpoint is not None
        auth = None
        if settings.endpoint_user:
            secret = settings.endpoint_password
            auth = cls._auth(settings.endpoint_user, secret.get_secret_value() if secret else "")
        return cls(
            settings.endpoint,
            settings.graph_store_endpoint,
            auth,
            settings.query_timeout,
            update=settings.update_endpoint,
        )

    # --- hook points: what a dialect for a particular engine overrides ---------------------

    @staticmethod
    def _auth(user: str, password: str) -> httpx.Auth | tuple[str, str]:
        """How the credentials are sent (HTTP Basic here)."""
        return (user, password)

    def _bind(self, sparql: str, bindings: Mapping[str, Identifier] | None) -> str:
        """``sparql`` with ``bindings`` in its text (see :func:`with_values`)."""
        return with_values(sparql, bindings)

    def _for_engine(
        self, sparql: str, default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None
    ) -> tuple[str, Sequence[str] | None, Sequence[str] | None]:
        """The query text and the protocol's dataset as the engine is sent them."""
        return sparql, default_graphs, named_graphs

    def _form(
        self, sparql: str, default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None
    ) -> dict[str, Any]:
        """The SPARQL 1.1 Protocol's form for a query."""
        form: dict[str, Any] = {"query": sparql}
        if default_graphs is not None:
            form["default-graph-uri"] = list(default_graphs)
        if named_graphs is not None:
            form["named-graph-uri"] = list(named_graphs)
        return form

    def _check(self, response: httpx.Response) -> None:
        """Raise :class:`RemoteError` for a successful-looking answer that is not one."""

    def _read(self, sparql: str, accept: str, body: bytes) -> Answer:
        """The engine's answer to ``sparql`` (bytes of the ``accept`` type) as plain values."""
        if accept == _TRIPLES:
            return [q.triple for q in ox.parse(body, ox.RdfFormat.N_TRIPLES)]
        parsed = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        if isinstance(parsed, ox.QueryBoolean):
            return bool(parsed)
        table = ([v.value for v in parsed.variables], [list(s) for s in parsed])
        del parsed
        return table

    # --- HTTP ------------------------------------------------------------------------------

    def _post(
        self,
        sparql: str,
        accept: str,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> bytes:
        form = self._form(sparql, default_graphs, named_graphs)
        try:
            response = self._client.post(
                self.endpoint, data=form, headers={"Accept": accept}, timeout=self.timeout
            )
        except httpx.TimeoutException:
            raise RemoteError(
                503, f"query timeout: the query ran longer than {self.timeout:g} s"
            ) from None
        except httpx.HTTPError as error:
            raise RemoteError(502, f"the SPARQL engine cannot be reached: {error}") from None
        if response.status_code >= 400:
            status = 400 if response.status_code < 500 else 502
            text = response.text.strip()[:500] or response.reason_phrase
            raise RemoteError(status, f"the SPARQL engine said {response.status_code}: {text}")
        self._check(response)
        return response.content

    def _answer(self, sparql: str, **dataset: Sequence[str] | None) -> Answer:
        """The engine's answer, read into plain values here (engine objects stay in a thread)."""
        form = inspect_query(sparql)
        accept = _SOLUTIONS if form in ("SELECT", "ASK") else _TRIPLES
        sent, default_graphs, named_graphs = self._for_engine(
            sparql, dataset.get("default_graphs"), dataset.get("named_graphs")
        )
        body = self._post(sent, accept, default_graphs, named_graphs)
        try:
            return self._read(sparql, accept, body)
        except (SyntaxError, ValueError) as error:
            raise RemoteError(502, f"the SPARQL engine's answer is unreadable: {error}") from None

    # --- the Store protocol ------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
        max_rows: int | None = None,
    ) -> QueryResult:
        try:
            answer = self._answer(
                self._bind(sparql, bindings),
                default_graphs=default_graphs,
                named_graphs=named_graphs,
            )
        except QueryRejected as error:
            raise QueryError(error.message) from None
        if isinstance(answer, bool):
            return QueryResult(answer)
        if isinstance(answer, tuple):
            variables, table = answer
            kept = table if max_rows is None else table[:max_rows]
            rows = [
                {v: rdflib_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
                for row in kept
            ]
            return QueryResult(SelectResult(variables, rows), len(kept) < len(table))
        graph = Graph()
        triples = answer if max_rows is None else answer[:max_rows]
        for t in triples:
            graph.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
        return QueryResult(graph, max_rows is not None and len(answer) > max_rows)

    def triple_count(self) -> int:
        rows = self.select(_COUNT).rows
        return int(rows[0]["n"]) if rows and "n" in rows[0] else 0

    def named_graphs(self) -> list[URIRef]:
        rows = self.select(_GRAPHS).rows
        return sorted(row["g"] for row in rows if isinstance(row.get("g"), URIRef))  # type: ignore[misc]

    def dataset(self) -> Dataset:
        dataset = Dataset()
        for row in self.select(_QUADS).rows:
            graph = row.get("g")
            target = dataset.default_graph if graph is None else dataset.graph(graph)
            target.add((row["s"], row["p"], row["o"]))
        return dataset

    async def sparql_async(self, request: SparqlRequest) -> SparqlReply:
        return await to_thread.run_sync(self.sparql, request)  # httpx's blocking client

    def sparql(self, request: SparqlRequest) -> SparqlReply:
        try:
            if request.typed:
                return typed_reply(self, request)
            form = inspect_query(request.query)
            fmt = choose(BY_FORM[form], request.accept, request.format)
            body, truncated = self._written(request, fmt)
        except QueryRejected as error:
            return SparqlReply.error(error.status, error.message)
        except NotAcceptable as error:
            return SparqlReply.error(406, f"not acceptable: {error}")
        except RemoteError as error:
            return SparqlReply.error(error.status, str(error))
        except QueryError as error:
            return SparqlReply.error(400, f"query error: {error}")
        return SparqlReply(200, fmt.media_type, body, truncated)

    def _written(self, request: SparqlRequest, fmt: Format) -> tuple[bytes, bool]:
        sparql = self._bind(request.query, request.bindings)
        if request.base_iri:  # a BASE in the query itself comes later and wins
            sparql = f"BASE <{request.base_iri}>\n{sparql}"
        dataset = {"default_graphs": request.default_graphs, "named_graphs": request.named_graphs}
        if fmt is f.JSONLD:  # rdflib compacts JSON-LD with the project's context
            result = self.query(
                sparql,
                max_rows=request.max_rows,
                default_graphs=request.default_graphs,
                named_graphs=request.named_graphs,
            )
            return serialize(result.value, fmt), result.truncated
        answer = self._answer(sparql, **dataset)
        if isinstance(answer, bool):
            assert isinstance(fmt.oxigraph, ox.QueryResultsFormat)
            return boolean_bytes(answer, fmt.oxigraph), False
        if isinstance(answer, tuple):
            assert isinstance(fmt.oxigraph, ox.QueryResultsFormat)
            variables, table = answer
            limit = len(table) if request.max_rows is None else request.max_rows
            return rows_bytes(variables, table[:limit], fmt.oxigraph), len(table) > limit
        assert isinstance(fmt.oxigraph, ox.RdfFormat)
        return triples_bytes(iter(answer), fmt.oxigraph, request.max_rows)

    def configure_queries(self, workers: int, timeout: float, memory: int | None = None) -> None:
        """The engine runs queries itself; only the timeout of a request applies here."""
        self.timeout = timeout

    def start(self) -> None:
        """Check that the engine answers, so a wrong URL is reported at start."""
        self.query("ASK { }")

    def close(self) -> None:
        """Nothing to stop: the HTTP client stays usable (apps may start again)."""

    # --- loading (Graph Store Protocol) ---------------------------------------------------

    def upload(self, quads: Iterable[ox.Quad]) -> int:
        """Replace each graph the quads fill with their triples; the quad count.

        With an update URL, in one SPARQL Update request (``DROP SILENT`` each graph, then
        ``INSERT DATA``): an engine that runs a request as one transaction switches them all
        at once. Without one, a Graph Store ``PUT`` per graph, each on its own.
        """
        graphs = by_graph(quads)
        if self.update_endpoint is not None:
            self._update(replacing(graphs))
        else:
            for graph, triples in graphs.items():
                self._graph_store("PUT", graph, triples)
        return sum(len(triples) for triples in graphs.values())

    def _update(self, update: str) -> None:
        """One SPARQL 1.1 Update request to the update URL."""
        assert self.update_endpoint is not None
        try:
            response = self._client.post(
                self.update_endpoint,
                content=update.encode("utf-8"),
                headers={"Content-Type": "application/sparql-update"},
                timeout=max(self.timeout, 600.0),
            )
        except httpx.HTTPError as error:
            raise RemoteError(502, f"the update endpoint cannot be reached: {error}") from None
        if response.status_code >= 300:
            text = response.text.strip()[:300] or response.reason_phrase
            raise RemoteError(
                502, f"the update endpoint refused the load: {response.status_code} {text}"
            )

    def _graph_store(
        self, method: str, graph: str | None, triples: Sequence[ox.Triple] = ()
    ) -> None:
        """One Graph Store Protocol request on ``graph`` (None: the default graph)."""
        body = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"") if triples else b""
        params = {"default": ""} if graph is None else {"graph": graph}
        try:
            response = self._client.request(
                method,
                self.graph_store,
                params=params,
                content=body,
                headers={"Content-Type": _TRIPLES},
                timeout=max(self.timeout, 600.0),
            )
        except httpx.HTTPError as error:
            raise RemoteError(502, f"the Graph Store cannot be reached: {error}") from None
        if response.status_code >= 300 and not (method == "DELETE" and response.status_code == 404):
            where = "the default graph" if graph is None else f"graph <{graph}>"
            text = response.text.strip()[:300] or response.reason_phrase
            raise RemoteError(
                502, f"the Graph Store refused {method} {where}: {response.status_code} {text}"
            )


def replacing(graphs: Mapping[str | None, Sequence[ox.Triple]]) -> str:
    """A SPARQL Update request replacing each graph (None: the default graph) with its
    triples: one ``DROP SILENT`` per graph, then one ``INSERT DATA`` (blank nodes shared
    across graphs stay one node, as in the files)."""
    drops = [
        "DROP SILENT DEFAULT" if graph is None else f"DROP SILENT GRAPH <{graph}>"
        for graph in graphs
    ]
    blocks = []
    for graph, triples in graphs.items():
        lines = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        blocks.append(lines if graph is None else f"GRAPH <{graph}> {{\n{lines}}}\n")
    return " ;\n".join([*drops, "INSERT DATA {\n" + "".join(blocks) + "}"])


def by_graph(quads: Iterable[ox.Quad]) -> dict[str | None, list[ox.Triple]]:
    """The quads' triples by graph name (None: the default graph)."""
    graphs: dict[str | None, list[ox.Triple]] = {}
    for quad in quads:
        name = quad.graph_name
        key = None if isinstance(name, ox.DefaultGraph) else str(name.value)
        graphs.setdefault(key, []).append(quad.triple)
    return graphs
