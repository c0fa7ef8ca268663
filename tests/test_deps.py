"""The shared FastAPI dependencies run in the event loop: a plain ``def`` dependency would be
sent to the threadpool and back on every request that uses it."""

import inspect

import pytest

from service import deps


@pytest.mark.parametrize("name", ["SettingsDep", "StoreDep", "LangDep", "LinksDep"])
def test_each_dependency_is_a_coroutine(name: str) -> None:
    (marker,) = getattr(deps, name).__metadata__
    assert inspect.iscoroutinefunction(marker.dependency), name
