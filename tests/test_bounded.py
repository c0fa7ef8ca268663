"""run_bounded: a function in a child process, stopped when it passes its time or memory."""

import time

import pytest

from service.bounded import OverBudget, run_bounded


def allocate(mebibytes: int) -> int:
    return len(bytearray(mebibytes * 2**20))


def sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def fail(message: str) -> None:
    raise ValueError(message)


def test_the_result_comes_back() -> None:
    assert run_bounded(allocate, (10,), seconds=30, memory=200 * 2**20) == 10 * 2**20


def test_memory_over_the_budget_stops_it() -> None:
    with pytest.raises(OverBudget, match="more memory than it may") as stopped:
        run_bounded(allocate, (500,), seconds=30, memory=100 * 2**20)
    assert stopped.value.kind == "memory"


def test_time_over_the_budget_stops_it() -> None:
    started = time.monotonic()
    with pytest.raises(OverBudget, match=r"more time than it may \(1 s\)"):
        run_bounded(sleep, (30,), seconds=1, memory=100 * 2**20)
    assert time.monotonic() - started < 5


def test_its_errors_are_raised_here() -> None:
    with pytest.raises(ValueError, match="bad upload"):
        run_bounded(fail, ("bad upload",), seconds=30, memory=100 * 2**20)
