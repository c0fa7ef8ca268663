"""The SPARQL 1.1 Protocol endpoint at ``/sparql``: read-only queries run in worker processes.

- GET ``?query=``, POST ``application/x-www-form-urlencoded`` and POST
  ``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri`` (repeatable)
  replace the query's FROM / FROM NAMED; ``format=`` overrides Accept.
- GET without a query returns the Service Description (RDF, Turtle by default).
- Updates are refused (403), SERVICE is refused (400), texts longer than
  ``max_query_length`` are refused (413), bad syntax is a 400 with the parser's message.
- A query running longer than ``query_timeout`` is stopped (its worker is killed and
  replaced) and answered with 503 "query timeout".
- At most ``query_workers + query_queue`` queries are in flight (``limits.QueryGate``); one
  more is answered at once with 503 "server busy". Every 503 carries ``Retry-After``.
- Results longer than ``max_rows`` solutions (or triples) are cut to ``max_rows``, as
  Virtuoso's ``ResultSetMaxRows`` does: the answer is still 200 and carries
  ``X-Result-Truncated: true`` and ``X-SPARQL-MaxRows: <max_rows>``, so a client can tell
  and page with LIMIT / OFFSET.
- ``labels=true`` (a SELECT only): a column ``x_label`` beside each column ``x`` that holds
  IRIs, the IRI's best label in the request's language (``?lang=``, then Accept-Language),
  as Wikidata's label service does; the answer is then written here, not by the engine
  (CSV/TSV made safe for spreadsheets).

Errors are plain text, one message a person can act on.
"""

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Final
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import formats as f
from ..deps import SettingsDep, StoreDep, request_language
from ..limits import RETRY_AFTER, QueryGate
from ..links import app_path
from ..negotiation import NotAcceptable, choose
from ..query_text import READ_ONLY, QueryRejected, check_length, check_nesting
from ..questions.tables import spreadsheet_safe, with_label_columns
from ..results import SelectResult
from ..serialize import serialize, serialize_graph
from ..settings import Settings
from ..store.base import MAX_ROWS_HEADER, TRUNCATED_HEADER, SparqlReply, SparqlRequest, Store
from .description import service_description

PATH: Final = "/sparql"
#: Headers set on truncated answers.
TRUNCATED: Final = TRUNCATED_HEADER
MAX_ROWS: Final = MAX_ROWS_HEADER

_IRI: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*$")

Params = dict[str, list[str]]

router = APIRouter(tags=["sparql"])


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status)


def _params(pairs: Iterable[tuple[str, str]]) -> Params:
    params: Params = {}
    for key, value in pairs:
        params.setdefault(key, []).append(value)
    return params


def _media_type(header: str | None) -> tuple[str, str | None]:
    """The media type and charset of a Content-Type header."""
    if not header:
        return "", None
    kind, *rest = header.split(";")
    charset = None
    for part in rest:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return kind.strip().lower(), charset


async def _body(request: Request, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise QueryRejected(413, f"request body too large (the limit is {limit} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise QueryRejected(400, f"{what} is not valid UTF-8: {error}") from None


def _form(text: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as error:
        raise QueryRejected(400, f"the form is not valid UTF-8 once decoded: {error}") from None


def _graph_iris(params: Params, name: str) -> tuple[str, ...] | None:
    if name not in params:
        return None
    for iri in params[name]:
        if not _IRI.match(iri):
            raise QueryRejected(400, f"{name} must be an absolute IRI, got {iri!r}")
    return tuple(params[name])


def _endpoint(request: Request) -> str:
    return str(request.url.replace(query="", fragment=""))


def _sparql_request(request: Request, settings: Settings, params: Params) -> SparqlRequest:
    queries, updates = params.get("query", []), params.get("update", [])
    if queries and updates:
        raise QueryRejected(400, "send either a query or an update, not both")
    if updates:
        raise QueryRejected(403, READ_ONLY)
    if not queries:
        raise QueryRejected(400, "missing the 'query' parameter")
    if len(queries) > 1:
        raise QueryRejected(400, f"exactly one 'query' parameter is allowed, got {len(queries)}")
    query = queries[0]
    if not query.strip():
        raise QueryRejected(400, "the query is empty")
    check_length(query, settings.max_query_length)
    check_nesting(query)  # before a worker: a parser overflowing its stack kills it
    formats = params.get("format")
    return SparqlRequest(
        query=query,
        accept=request.headers.get("accept"),
        format=formats[-1] if formats else None,
        default_graphs=_graph_iris(params, "default-graph-uri"),
        named_graphs=_graph_iris(params, "named-graph-uri"),
        base_iri=_endpoint(request),
        max_rows=settings.max_rows,
    )


def _response(reply: SparqlReply, settings: Settings, gate: QueryGate) -> Response:
    if reply.status == 503:  # busy, timed out or a worker lost: worth trying again later
        headers = {RETRY_AFTER: str(gate.retry_after)}
        return PlainTextResponse(reply.body, status_code=503, headers=headers)
    if reply.status >= 400:
        return PlainTextResponse(reply.body, status_code=reply.status)
    headers = {"Vary": "Accept"}
    if reply.truncated:
        headers[TRUNCATED] = "true"
        headers[MAX_ROWS] = str(settings.max_rows)
    return Response(
        reply.body,
        status_code=reply.status,
        media_type=f.by_media_type(reply.media_type).content_type,
        headers=headers,
    )


def _wants_labels(params: Params) -> bool:
    values = params.get("labels", [])
    if not values:
        return False
    if values[-1] not in ("true", "false"):
        raise QueryRejected(400, f"labels: {values[-1]!r} is neither true nor false")
    return values[-1] == "true"


def _labelled(
    request: Request,
    settings: Settings,
    store: Store,
    sparql_request: SparqlRequest,
    reply: SparqlReply,
) -> Response:
    """A typed SELECT answer with label columns, in the format asked for."""
    if not isinstance(reply.value, SelectResult):
        return _error(400, "labels=true adds label columns to SELECT answers only")
    try:
        fmt = choose(f.SOLUTION_TYPES, sparql_request.accept, sparql_request.format)
    except NotAcceptable as error:
        return _error(406, f"not acceptable: {error}")
    result = with_label_columns(store, reply.value, request_language(request))
    if fmt in (f.CSV, f.TSV):
        result = spreadsheet_safe(result)
    headers = {"Vary": "Accept, Accept-Language"}
    if reply.truncated:
        headers[TRUNCATED] = "true"
        headers[MAX_ROWS] = str(settings.max_rows)
    return Response(serialize(result, fmt), media_type=fmt.content_type, headers=headers)


async def _run(request: Request, settings: Settings, store: Store, params: Params) -> Response:
    try:
        sparql_request = _sparql_request(request, settings, params)
        labels = _wants_labels(params)
    except QueryRejected as error:
        return _error(error.status, error.message)
    if labels:
        sparql_request = replace(sparql_request, typed=True)
    gate: QueryGate = request.app.state.query_gate
    if not gate.enter():  # refused before it takes a thread: pages keep being served
        return PlainTextResponse(
            gate.busy_message() + "\n",
            status_code=503,
            headers={RETRY_AFTER: str(gate.retry_after)},
        )
    try:
        reply = await store.sparql_async(sparql_request)
    finally:
        gate.leave()
    if labels and reply.status == 200:
        return await run_in_threadpool(_labelled, request, settings, store, sparql_request, reply)
    return _response(reply, settings, gate)


def _describe(request: Request, store: Store, params: Params) -> Response:
    formats = params.get("format")
    try:
        fmt = choose(f.GRAPH_TYPES, request.headers.get("accept"), formats[-1] if formats else None)
    except NotAcceptable as error:
        return _error(406, f"not acceptable: {error}")
    body = serialize_graph(service_description(_endpoint(request), store), fmt)
    return Response(body, media_type=fmt.content_type, headers={"Vary": "Accept"})


def _parameter(name: str, description: str, many: bool = False) -> dict[str, object]:
    schema: dict[str, object] = {"type": "string"}
    if many:
        schema = {"type": "array", "items": schema}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
        **({"explode": True} if many else {}),
    }


_GRAPHS = "replaces the query's FROM (repeatable)"
#: The protocol's parameters in the OpenAPI schema (the routes read them from the request
#: themselves), so that clients — and the fuzzer — know what to send.
_PARAMETERS = [
    _parameter("query", "the SPARQL query (without it, GET returns the service description)"),
    _parameter("default-graph-uri", "an absolute IRI that " + _GRAPHS, many=True),
    _parameter("named-graph-uri", "an absolute IRI that replaces FROM NAMED (repeatable)", True),
    _parameter("format", "a result format's short name; overrides Accept"),
    _parameter("labels", "true: an x_label column beside each IRI column x of a SELECT"),
    _parameter("lang", "the labels' language (sv or en; else Accept-Language)"),
]
_ANSWERS: dict[int | str, dict[str, object]] = {
    400: {"description": "bad syntax, a bad parameter, or SERVICE"},
    403: {"description": "updates are refused"},
    406: {"description": "no acceptable result format"},
    413: {"description": "query text or request body too long"},
    415: {"description": "unsupported Content-Type or charset"},
    503: {"description": "query timeout, or server busy: try again after Retry-After"},
}
_BODY = {
    "required": True,
    "content": {
        f.SPARQL_QUERY.media_type: {"schema": {"type": "string"}},
        f.FORM_BODY: {
            "schema": {
                "type": "object",
                "properties": {
                    "query": {"type": "string"},
                    "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                    "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                },
            }
        },
    },
}


@router.get(
    PATH,
    summary="SPARQL query (GET), or the service description without a query",
    openapi_extra={"parameters": _PARAMETERS},
    responses=_ANSWERS,
)
async def sparql_get(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    params = _params(request.query_params.multi_items())
    if "query" not in params and "update" not in params:
        return await run_in_threadpool(_describe, request, store, params)
    return await _run(request, settings, store, params)


@router.post(
    PATH,
    summary="SPARQL query (POST: form-encoded or application/sparql-query)",
    openapi_extra={"parameters": _PARAMETERS[1:], "requestBody": _BODY},
    responses=_ANSWERS,
)
async def sparql_post(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    params = _params(request.query_params.multi_items())
    kind, charset = _media_type(request.headers.get("content-type"))
    try:
        if charset not in (None, "utf-8", "utf8"):
            raise QueryRejected(415, f"unsupported charset {charset!r}: send UTF-8")
        if kind == f.SPARQL_UPDATE:
            raise QueryRejected(403, READ_ONLY)
        if kind not in (f.FORM_BODY, f.SPARQL_QUERY.media_type):
            given = f"Content-Type {kind!r}" if kind else "no Content-Type"
            raise QueryRejected(
                415,
                f"unsupported media type ({given}): send {f.FORM_BODY} or "
                f"{f.SPARQL_QUERY.media_type}",
            )
        # Percent-encoding can triple a character's bytes; UTF-8 takes up to four.
        body = await _body(request, settings.max_query_length * 12 + 65_536)
        if kind == f.FORM_BODY:
            form = _form(_utf8(body, "the form"))
            for key, values in _params(form).items():
                params.setdefault(key, []).extend(values)
        else:
            if "query" in params:
                raise QueryRejected(400, "the query is in both the URL and the request body")
            params["query"] = [_utf8(body, "the query")]
    except QueryRejected as error:
        return _error(error.status, error.message)
    return await _run(request, settings, store, params)


class QueriesFirst:
    """ASGI middleware: a request for the endpoint goes straight to it, past the routing.

    ``/sparql`` is the one path whose cost per request matters (clients send thousands of
    small queries); matching it against every route and solving its dependencies costs
    more than running a small query. The middlewares outside this one (security headers,
    CORS, the body limit, the error handler) still see every request; add it innermost.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        wanted = scope["type"] == "http" and scope["method"] in ("GET", "POST")
        if not (wanted and app_path(scope) == PATH):
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        handler = sparql_get if scope["method"] == "GET" else sparql_post
        response = await handler(Request(scope, receive), state.settings, state.store)
        await response(scope, receive, send)
