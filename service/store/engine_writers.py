"""Answers written by the engine (pyoxigraph's serialisers), shared by the backends that
get their answers as engine objects: the embedded Oxigraph and the remote engine (whose
answers are read with pyoxigraph's parsers). Bytes go to the client unchanged."""

import io
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

import pyoxigraph as ox

from ..namespaces import PREFIXES


def solutions_bytes(
    answer: ox.QuerySolutions, fmt: ox.QueryResultsFormat, max_rows: int | None
) -> tuple[bytes, bool]:
    """Solutions written by the engine in ``fmt``, the first ``max_rows`` of them.

    The engine writes them as TSV (a header line, then a line per row: newlines inside terms
    are escaped) into a sink that stops it past ``max_rows`` rows; the lines kept are read
    back and written in ``fmt``. No row becomes a Python object on the way.
    """
    if max_rows is None:
        return answer.serialize(format=fmt) or b"", False
    sink = _RowCap(max_rows)
    try:
        answer.serialize(sink, format=ox.QueryResultsFormat.TSV)
        truncated = False
    except _Full:
        truncated = True
    table = sink.getvalue()
    if truncated:  # the header and the first max_rows rows, each line whole
        table = b"".join(line + b"\n" for line in table.split(b"\n", max_rows + 1)[:-1])
    if fmt == ox.QueryResultsFormat.TSV:
        return table, truncated
    kept = ox.parse_query_results(table, ox.QueryResultsFormat.TSV)
    try:
        assert isinstance(kept, ox.QuerySolutions)
        return kept.serialize(format=fmt) or b"", truncated
    finally:
        del kept  # engine objects stay in the thread that made them


class _Full(Exception):
    """The answer has more rows than the cap: the engine stops writing."""


class _RowCap(io.BytesIO):
    """A buffer for TSV results that stops the writer once it holds ``cap`` rows and one
    more (so that the cut is known), keeping what was written."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self._lines_left = cap + 1  # the header, then the rows

    def write(self, data: bytes) -> int:  # type: ignore[override]  # the engine sends bytes
        written = super().write(data)
        self._lines_left -= data.count(b"\n")
        if self._lines_left < 0:
            raise _Full
        return written


def rows_bytes(
    variables: Sequence[str], rows: Iterable[Sequence[object]], fmt: ox.QueryResultsFormat
) -> bytes:
    """Rows of terms (None: unbound) written by the engine in ``fmt``.

    The engine's writers take only its own result objects: the rows go through TSV (each
    term in its N-Triples form, as the engine writes it) and back, then out in ``fmt``.
    """
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    table = ox.parse_query_results(
        ("\n".join(lines) + "\n").encode("utf-8"), ox.QueryResultsFormat.TSV
    )
    try:
        assert isinstance(table, ox.QuerySolutions)
        return table.serialize(format=fmt) or b""
    finally:
        del table  # engine objects stay in the thread that made them


def boolean_bytes(value: bool, fmt: ox.QueryResultsFormat) -> bytes:
    """An ASK answer written by the engine in ``fmt``."""
    answer = ox.parse_query_results(
        b'{"head":{},"boolean":' + (b"true" if value else b"false") + b"}",
        ox.QueryResultsFormat.JSON,
    )
    try:
        return answer.serialize(format=fmt) or b""
    finally:
        del answer


def triples_bytes(
    answer: Iterator[ox.Triple], fmt: ox.RdfFormat, max_rows: int | None
) -> tuple[bytes, bool]:
    triples = list(limited(answer, max_rows))
    truncated = max_rows is not None and next(answer, None) is not None
    items: list[ox.Triple] | list[ox.Quad] = triples
    if fmt.supports_datasets:
        items = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    prefixes = dict(PREFIXES) if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(items, format=fmt, prefixes=prefixes) or b"", truncated


_T = TypeVar("_T")


def limited(items: Iterable[_T], max_rows: int | None) -> Iterable[_T]:
    return items if max_rows is None else islice(items, max_rows)
