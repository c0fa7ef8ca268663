"""Fixtures shared by the test modules: inline RDF → store → the real app behind a client."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from locations import SHARED
from rdflib import Dataset

from service.app import create_app
from service.settings import Settings
from service.store.factory import build_store, open_store
from service.store.querying import DatasetStore

#: The shared folder beside the repository (W3C test suites, sources, ...).


BACKENDS = ("oxigraph", "rdflib")


@pytest.fixture(scope="session")
def curated_stores() -> Iterator[dict[str, DatasetStore]]:
    """The curated graph (ontology + data/) in each backend, opened once per test session.

    Read-only like every store; apps built on it stop its query workers when they stop, and
    the next one starts them again.
    """
    stores = {backend: open_store(Settings(store=backend)) for backend in BACKENDS}
    yield stores
    for store in stores.values():
        store.close()


@pytest.fixture(scope="session")
def curated_store(curated_stores: dict[str, DatasetStore]) -> DatasetStore:
    """The curated graph in the default backend (oxigraph)."""
    return curated_stores["oxigraph"]


@pytest.fixture
def shared_dir() -> Path:
    """``../shared``, or a skip saying why the test cannot run without it."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (shared test data lives beside the repository)")
    return SHARED


def dataset_from(trig: str) -> Dataset:
    """A Dataset from inline TriG (plain Turtle lands in the default graph)."""
    dataset = Dataset()
    dataset.parse(data=trig, format="trig")
    return dataset


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each store backend in turn."""
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
