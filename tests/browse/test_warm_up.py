"""The warm-up of a served app (``service/warm.py``): what the pages read once per store is
read in the background as the app starts, once, and a request arriving meanwhile waits for
that reading instead of starting its own. Through the real app and a real ASGI client."""

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from inline_rdf import dataset_from
from test_paging import graph

import service.browse.routes as browse_routes
import service.formats as f
import service.search.routes as search_routes
from service.app import create_app
from service.build import build_store
from service.settings import Settings
from service.store.base import Store
from service.warm import Once, once


def wait_ready(client: TestClient, timeout: float = 60) -> None:
    ends = time.monotonic() + timeout
    while client.get("/health").json()["warm"] != "ready":
        assert time.monotonic() < ends, "the warm-up did not finish"
        time.sleep(0.05)


@pytest.fixture
def store() -> Iterator[Store]:
    built = build_store(dataset_from(graph()), "oxigraph")
    yield built


def counted(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str, gate: threading.Event
) -> list[int]:
    """Replace ``module.name`` by a version that waits for ``gate`` and counts its calls."""
    calls: list[int] = []
    original: Callable[..., Any] = getattr(module, name)

    def held(*args: Any) -> Any:
        calls.append(1)
        assert gate.wait(30), "the gate was never opened"
        return original(*args)

    monkeypatch.setattr(module, name, held)
    return calls


def test_requests_during_the_warm_up_wait_for_its_single_reading(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    kinds_read = counted(monkeypatch, browse_routes, "kinds", gate)
    indexes_built = counted(monkeypatch, search_routes, "search_index", gate)
    with TestClient(create_app(Settings(), store, warm_up=True)) as client:
        assert client.get("/health").json()["warm"] == "warming"  # held at the gate
        answers: list[Any] = []

        def ask(path: str) -> None:
            answers.append(
                (path, client.get(path, params={"format": "json", "q": "projekt"}).json())
            )

        asking = [threading.Thread(target=ask, args=(p,)) for p in ["/browse"] * 3 + ["/search"]]
        for thread in asking:
            thread.start()
        time.sleep(0.3)  # every request is waiting now
        assert answers == []
        gate.set()
        for thread in asking:
            thread.join(30)
        wait_ready(client)
        kinds = [a for path, a in answers if path == "/browse"]
        assert len(kinds) == 3 and kinds[0] == kinds[1] == kinds[2]
        assert {k["kind"]: k["count"] for k in kinds[0]["kinds"]} == {
            "partner": 2, "partnership": 1, "project": 120, "widget": 60}  # fmt: skip
        searched = next(a for path, a in answers if path == "/search")
        assert searched["total"] == 120  # the 120 projects' Swedish names
        assert kinds_read == [1] and indexes_built == [1]  # read once, by whoever came first
        # what the listings, the links and the dumps need is read too
        done = once(client.app.state, store)
        for key in ["outside", ("names", "project"), ("names", "widget"), ("used", "partner")]:
            assert done.done(key), key
        assert client.get("/project", params={"format": "json"}).json()["count"] == 120
        assert kinds_read == [1]
        assert client.app.state.dumps.written(f.TURTLE)
        dump = client.get("/dump.ttl")
        assert dump.status_code == 200 and b"project\\/p000 " in dump.content


def test_an_app_answering_in_process_does_not_warm_up(store: Store) -> None:
    with TestClient(create_app(Settings(), store)) as client:
        assert client.get("/health").json()["warm"] == "off"
        assert not once(client.app.state, store).done("kinds")
        assert client.get("/browse", params={"format": "json"}).status_code == 200
        assert once(client.app.state, store).done("kinds")


def test_a_failed_reading_is_not_kept(store: Store) -> None:
    """An error goes to the asker; the next asker reads again."""
    answers = iter([RuntimeError("engine gone"), 7])

    def read() -> int:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    kept = Once(store)
    with pytest.raises(RuntimeError, match="engine gone"):
        kept.get("n", read)
    assert not kept.done("n")
    assert kept.get("n", read) == 7 and kept.get("n", read) == 7
