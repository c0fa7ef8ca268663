"""Fixtures shared by the test modules: inline RDF → store → the real app behind a client."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import source_facts as src
import virtuoso_server
from engines import EMBEDDED, SPARQL_BACKENDS, Engines
from fastapi.testclient import TestClient
from inline_rdf import dataset_from
from live import samverkan
from locations import SITE_SERVICE, on_ci, require_shared

from service.app import create_app
from service.build import build_store, open_store
from service.settings import Settings
from service.store.base import Store
from service.store.oxigraph_store import OxigraphStore
from service.store.querying import DatasetStore

BACKENDS = EMBEDDED


@pytest.fixture(scope="session")
def engines() -> Iterator[Engines]:
    """Real SPARQL engines (`oxigraph serve`, Virtuoso) for the remote backend, stopped at
    the end."""
    started = Engines()
    yield started
    started.close()


@pytest.fixture(scope="session")
def curated_stores(engines: Engines) -> Iterator[dict[str, Store]]:
    """The curated graph (ontology + data/) in each backend, opened once per test session.

    Read-only like every store; apps built on it stop its query workers when they stop, and
    the next one starts them again. "remote" is a real `oxigraph serve` holding the graph,
    "virtuoso" a real Virtuoso.
    """
    stores: dict[str, Store] = {b: open_store(Settings(store=b)) for b in BACKENDS}
    stores["remote"] = engines.store(stores["oxigraph"].dataset())
    if shutil.which(virtuoso_server.PROGRAM) or on_ci():  # else only its own tests skip
        stores["virtuoso"] = engines.virtuoso_store(stores["oxigraph"].dataset())
    yield stores
    for store in stores.values():
        store.close()


@pytest.fixture(scope="session")
def curated_store(curated_stores: dict[str, Store]) -> DatasetStore:
    """The curated graph in the default backend (oxigraph)."""
    store = curated_stores["oxigraph"]
    assert isinstance(store, OxigraphStore)
    return store


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``samverkan site`` on the curated graph, built once per session (the whole register's
    pages take a minute): naming the live service, ``dct:modified`` fixed."""
    target = tmp_path_factory.mktemp("site") / "site"
    result = samverkan(
        "site", str(target), "--service", SITE_SERVICE, env={"SOURCE_DATE_EPOCH": "1767225600"}
    )
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="session")
def sources() -> src.Sources:
    """What the five source documents say (tests that compare answers with them)."""
    return src.Sources(require_shared(src.SOURCES))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each embedded store backend in turn."""
    return str(request.param)


@pytest.fixture(params=SPARQL_BACKENDS)
def sparql_backend(request: pytest.FixtureRequest) -> str:
    """Each backend the SPARQL-level suites run on: embedded ones and a remote engine."""
    return str(request.param)


@pytest.fixture
def make_store() -> Callable[[str, str], DatasetStore]:
    """``make_store(trig, backend)``: a store of that backend holding the inline data."""

    def make(trig: str, backend: str = "oxigraph") -> DatasetStore:
        return build_store(dataset_from(trig), backend)

    return make


@pytest.fixture
def make_client() -> Iterator[Callable[..., TestClient]]:
    """``make_client(trig, **settings)``: the real app over inline data, lifespan running."""
    clients: list[TestClient] = []

    def make(trig: str, **settings: Any) -> TestClient:
        config = Settings(**settings)
        app = create_app(config, build_store(dataset_from(trig), config.store))
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def curated_client(curated_store: DatasetStore) -> Iterator[TestClient]:
    """The real app over the curated graph (default settings), lifespan running."""
    with TestClient(create_app(Settings(), curated_store)) as client:
        yield client
