"""create_app(settings, store): wires each feature's routes to the store on app.state."""

import errno
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.concurrency import run_in_threadpool

from . import __version__
from . import formats as f
from .browse.routes import router as browse_router
from .browse.routes import warm_steps as browse_steps
from .compare.routes import router as compare_router
from .deps import store_outside
from .head import HeadAsGet
from .headers import SecurityHeaders
from .limits import FORM_ALLOWANCE, BodyLimit, QueryGate, query_memory_bytes
from .linked_data.dump_files import DumpFiles
from .linked_data.routes import router as linked_data_router
from .origin import PublicOrigin
from .pages import static_files
from .pages.accessibility import router as accessibility_router
from .pages.docs import router as docs_router
from .publishing.routes import UPLOAD_PATH
from .publishing.routes import router as publishing_router
from .questions.routes import router as questions_router
from .search.routes import router as search_router
from .search.routes import store_index
from .settings import Settings
from .sparql.protocol import QueriesFirst
from .sparql.protocol import router as sparql_router
from .sparql.query_page import router as query_page_router
from .store.base import Store
from .store.oxigraph_store import OxigraphStore
from .warm import Step, WarmUp

log = logging.getLogger(__name__)


def _bad_parameter(request: Request, error: Exception) -> JSONResponse:
    """Parameters FastAPI refuses are the client's mistake: 400 with what to send instead."""
    assert isinstance(error, RequestValidationError)
    problems = []
    for item in error.errors():
        name = ".".join(str(part) for part in item.get("loc", ())[1:]) or "request"
        expected = (item.get("ctx") or {}).get("expected")
        found = item.get("input")
        if expected:
            problems.append(f"bad {name} {found!r}: use one of {expected}")
        else:
            problems.append(f"bad {name}: {item.get('msg', 'invalid')}")
    return JSONResponse({"detail": "; ".join(problems)}, status_code=400)


def _internal_error(request: Request, error: Exception) -> PlainTextResponse:
    """A bug is logged with its traceback; the client learns only that it was not its fault.
    Descriptors running out is no bug: 503, try again."""
    if isinstance(error, OSError) and error.errno in (errno.EMFILE, errno.ENFILE):
        log.warning("out of file descriptors on %s %s", request.method, request.url.path)
        return PlainTextResponse(
            "server busy: out of file descriptors; try again\n",
            status_code=503,
            headers={"X-Content-Type-Options": "nosniff", "Retry-After": "1"},
        )
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return PlainTextResponse(
        "internal error: the request could not be answered (it has been logged)\n",
        status_code=500,
        headers={"X-Content-Type-Options": "nosniff"},
    )


def _warm_steps(app: FastAPI) -> list[Step]:
    """What the pages read once per store, in the order a reader is likely to need it: the
    outside IRIs every page links, the kinds and each kind's listing, the search index,
    then, from Oxigraph, the N-Quads and Turtle dumps (the other syntaxes are written from
    the N-Quads)."""
    state, store, base = app.state, app.state.store, app.state.settings.base_iri
    dumps: DumpFiles = state.dumps
    steps: list[Step] = [
        ("the outside IRIs", lambda: store_outside(state, store, base)),
        *browse_steps(state, store, base),
        ("the search index", lambda: store_index(state, store)),
    ]
    if isinstance(store, OxigraphStore):  # the engine writes them as it goes (others: in memory)
        steps += [
            ("the N-Quads dump", lambda: dumps.get(f.NQUADS)),
            ("the Turtle dump", lambda: dumps.get(f.TURTLE)),
        ]
    return steps


def create_app(settings: Settings, store: Store, *, warm_up: bool = False) -> FastAPI:
    """Build the HTTP app around an already loaded (and validated) store; with ``warm_up``
    (a served app, not one answering in-process) what the pages read once per store is
    read in the background as it starts (``warm.py``)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm_up:
            warming.start()
        try:
            yield
        finally:  # stop what answers client queries (worker processes, connections)
            await run_in_threadpool(warming.stop)
            dumps.close()
            await run_in_threadpool(store.close)

    app = FastAPI(
        title="samverkan-kg",
        version=__version__,
        description="SPARQL endpoint and linked data for Swedish university–public sector "
        "partnerships.",
        lifespan=lifespan,
        docs_url=None,  # served from local assets by pages.docs (FastAPI's loads a CDN)
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.dumps = dumps = DumpFiles(store)
    app.state.warm_up = warming = WarmUp(lambda: _warm_steps(app))
    memory = query_memory_bytes(settings.query_memory, settings.query_workers)
    store.configure_queries(settings.query_workers, settings.query_timeout, memory)
    app.state.query_gate = QueryGate(
        settings.query_workers + settings.query_queue, retry_after=min(settings.query_timeout, 5)
    )
    app.add_exception_handler(RequestValidationError, _bad_parameter)
    app.add_exception_handler(Exception, _internal_error)
    app.add_middleware(QueriesFirst)  # innermost: every middleware below still applies
    upload_limit = settings.max_upload_bytes + FORM_ALLOWANCE
    app.add_middleware(
        BodyLimit, limit=settings.max_body_bytes, per_path={UPLOAD_PATH: upload_limit}
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
            allow_credentials=False,
        )
    app.add_middleware(SecurityHeaders)  # CORS preflights and 413s get them too
    if settings.public_base_url or settings.trusted_hosts:
        app.add_middleware(PublicOrigin, settings.trusted_hosts, settings.public_base_url)
    app.add_middleware(HeadAsGet)  # outermost: a HEAD is the GET answer, every header included

    @app.get("/health")
    def health() -> dict[str, object]:
        return {
            "status": "ok",
            "triples": store.triple_count(),
            "store": store.name,
            "warm": warming.state,  # "warming" while what is read once per store is read
        }

    app.mount("/static", static_files(), name="static")
    for router in (
        query_page_router,
        questions_router,
        compare_router,
        sparql_router,
        accessibility_router,
        docs_router,
        search_router,
        browse_router,
        publishing_router,
    ):
        app.include_router(router)
    # Linked data answers every path not taken above it: keep it the last route.
    app.include_router(linked_data_router)
    return app
