"""The W3C SPARQL 1.1 Protocol and Service Description tests, one pytest case per entry.

Driven by the manifests in ../shared/w3c-sparql11 through tests/w3c_protocol_runner.py, on
every backend (the embedded ones and a remote engine).
Query, bad-request and service description tests must pass; update tests that expect
success are "n/a (read-only)" and pass when the update is refused with a 4xx.
"""

from typing import Any

import pytest
import w3c_protocol_runner as runner
from engines import Engines, store_of
from locations import require_shared
from rdflib import Dataset


def _cases() -> list[Any]:
    if not runner.SUITE.is_dir():  # one case that skips, or fails under CI, saying so
        return [pytest.param(None, id="w3c-suite-absent")]
    return [pytest.param(case, id=case.id) for case in runner.load_cases()]


def test_manifests_are_complete() -> None:
    require_shared(runner.SUITE)
    cases = runner.load_cases()
    assert sum(c.suite == "protocol" for c in cases) == 34
    assert sum(c.suite == "service-description" for c in cases) == 3


@pytest.mark.parametrize("case", _cases())
def test_w3c(case: runner.Case | None, sparql_backend: str, engines: Engines) -> None:
    if case is None:
        require_shared(runner.SUITE)
        return

    def make_store(dataset: Dataset) -> runner.Store:
        return store_of(dataset, sparql_backend, engines)

    running = engines.running()
    try:
        outcome = runner.run_case(case, make_store)
    finally:
        engines.stop(keep=running)  # this case's engine, if it started one
    assert outcome.verdict != "fail", "; ".join(outcome.details)
    if case.name.startswith(("query_", "bad_")) or case.suite == "service-description":
        assert outcome.verdict == "pass", "; ".join(outcome.details)
    else:  # update tests that expect success: refused by a read-only endpoint
        assert outcome.verdict == "n/a", "; ".join(outcome.details)
