"""``solutions_bytes``: the engine writes answers itself and stops past ``max_rows``; the cut
falls exactly at the cap whatever the rows hold (newlines, tabs, many write chunks)."""

import json

import pyoxigraph as ox
import pytest

from service.store.engine_writers import solutions_bytes

ROWS = 3000  # several of the engine's write chunks
TRICKY = 'line one\nline two\t"quoted"'


@pytest.fixture(scope="module")
def store() -> ox.Store:
    engine = ox.Store()
    engine.extend(
        ox.Quad(
            ox.NamedNode(f"http://example.org/s{n:05}"),
            ox.NamedNode("http://example.org/p"),
            ox.Literal(f"{TRICKY} {n}"),
        )
        for n in range(ROWS)
    )
    return engine


QUERY = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"


@pytest.mark.parametrize("cap", [1, 2, 999, ROWS - 1, ROWS, ROWS + 1, None])
def test_the_cut_falls_at_the_cap(store: ox.Store, cap: int | None) -> None:
    body, truncated = solutions_bytes(store.query(QUERY), ox.QueryResultsFormat.JSON, cap)
    rows = json.loads(body)["results"]["bindings"]
    expected = ROWS if cap is None else min(cap, ROWS)
    assert len(rows) == expected
    assert truncated == (cap is not None and cap < ROWS)
    assert rows[0]["o"]["value"] == f"{TRICKY} 0"  # newlines and tabs survive the TSV
    assert rows[-1]["s"]["value"] == f"http://example.org/s{expected - 1:05}"


def test_every_format_gets_the_same_rows(store: ox.Store) -> None:
    expected = store.query(QUERY + " LIMIT 10")
    want = [[str(t) for t in row] for row in expected]
    for fmt in (
        ox.QueryResultsFormat.JSON,
        ox.QueryResultsFormat.XML,
        ox.QueryResultsFormat.CSV,
        ox.QueryResultsFormat.TSV,
    ):
        body, truncated = solutions_bytes(store.query(QUERY), fmt, 10)
        assert truncated
        if fmt == ox.QueryResultsFormat.CSV:  # CSV keeps only lexical forms
            assert body.count(b"\r\n") >= 11
            continue
        got = ox.parse_query_results(body, fmt)
        assert isinstance(got, ox.QuerySolutions)
        assert [[str(t) for t in row] for row in got] == want
