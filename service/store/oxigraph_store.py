"""The default backend: pyoxigraph, in memory or on disk; answers written by the engine itself.

An on-disk store (a folder, ``samverkan load --location DIR``) is opened read-only by the
serving process and by each query worker, so the data is held once, in the page cache,
however many workers there are. An in-memory store writes itself once into a private
folder when its workers start, for the same reason.
"""

import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

from .. import formats as f
from ..formats import Format, QueryForm
from ..query_text import inspect_query
from ..serialize import serialize  # rdflib: only for what Oxigraph does not write
from ..terms import rdflib_quads, rdflib_terms
from .base import SelectResult
from .engine_writers import limited, solutions_bytes, triples_bytes
from .pooled import PooledSparql
from .preload import PRELOADED
from .querying import QueryError, QueryResult, QuerySyntaxError, TypedQueries, binding_name


def _rdflib_terms() -> Callable[[object], Identifier]:
    """Oxigraph terms as the equal rdflib terms, each converted once per answer
    (``terms.rdflib_terms``); QueryError for an RDF 1.2 triple term."""
    convert = rdflib_terms()

    def checked(term: object) -> Identifier:
        try:
            return convert(term)
        except ValueError:
            raise QueryError(
                "the answer holds an RDF 1.2 triple term, which cannot be returned"
            ) from None

    return checked


def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as an oxigraph term (for bindings); ValueError if it has no equivalent."""
    try:
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
    except ValueError as error:
        raise QueryError(f"cannot bind {term!r}: {error}") from error
    raise QueryError(f"cannot bind {term!r}: only IRIs, blank nodes and literals can be bound")


def may_federate(text: str) -> bool:
    """Whether ``text`` could hold a SERVICE clause: only then must it be parsed to know.

    A SERVICE clause needs the keyword in the text (SPARQL keywords are case-insensitive; a
    ``\\u`` escape could spell it, so escapes count as "could"). Oxigraph would evaluate a
    SERVICE by opening a connection itself, unseen by the network guard, so every text that
    could hold one is parsed and refused before Oxigraph sees it.
    """
    lowered = text.lower()
    return "service" in lowered or "\\u" in lowered


def _graph_names(iris: Sequence[str]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(iri) for iri in iris]
    except ValueError as error:
        raise QueryError(f"invalid graph IRI: {error}") from error


class OxigraphStore(TypedQueries, PooledSparql):
    """A read-only dataset in a pyoxigraph Store, in memory or in a folder on disk."""

    name = "oxigraph"
    on_disk = True

    def __init__(self, store: ox.Store | None = None, location: Path | None = None) -> None:
        super().__init__()
        self._store = store if store is not None else ox.Store()
        #: The folder holding the data, which query workers open read-only (None: in memory).
        self.location = location
        self._scratch: Path | None = None

    @classmethod
    def from_nquads(cls, data: bytes) -> "OxigraphStore":
        store = ox.Store()
        if data.strip():
            store.bulk_load(data, ox.RdfFormat.N_QUADS)
        return cls(store)

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> "OxigraphStore":
        data = dataset.serialize(format="nquads", encoding="utf-8")
        return cls.from_nquads(data if isinstance(data, bytes) else data.encode("utf-8"))

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> "OxigraphStore":
        """An in-memory store holding ``quads`` (parsed files' quads go straight in)."""
        store = ox.Store()
        store.bulk_extend(quads)
        return cls(store)

    @classmethod
    def open(cls, location: Path) -> "OxigraphStore":
        """The on-disk store in ``location``, read-only (OSError if it cannot be opened)."""
        return cls(ox.Store.read_only(str(location)), Path(location))

    @classmethod
    def for_worker(cls, folder: str) -> "OxigraphStore":
        """A query worker's store: the forkserver's in-memory copy of ``folder`` if it holds
        one (shared copy-on-write, see ``preload.py``), else the folder read-only."""
        shared = PRELOADED.get(folder)
        if shared is not None:
            return cls(shared, Path(folder))
        return cls.open(Path(folder))

    def worker_source(self) -> tuple[Callable[[str], "OxigraphStore"], object]:
        """What a query worker opens: this store's folder, written once if it is in memory."""
        if self.location is None and self._scratch is None:
            folder = Path(tempfile.mkdtemp(prefix="samverkan-store-"))
            weakref.finalize(self, shutil.rmtree, folder, True)
            disk = ox.Store(str(folder))
            disk.bulk_extend(self._store.quads_for_pattern(None, None, None, None))
            disk.flush()
            del disk
            self._scratch = folder
        return (OxigraphStore.for_worker, str(self.location or self._scratch))

    def share_with_workers(self) -> None:
        """Have the forkserver load the folder once; workers share it copy-on-write."""
        from .pool import share_with_workers  # the pool starts only when queries come

        share_with_workers(str(self.worker_source()[1]))

    def screen(self, sparql: str) -> None:
        """Refuse SERVICE (and updates) by parsing — only a text that could hold one."""
        if may_federate(sparql):
            inspect_query(sparql)

    def _run(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
    ) -> ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples:
        options: dict[str, Any] = {}
        if default_graphs is not None or named_graphs is not None:
            options["default_graph"] = _graph_names(default_graphs or [])
            options["named_graphs"] = _graph_names(named_graphs or [])
        if bindings:
            options["substitutions"] = {
                ox.Variable(binding_name(k)): to_oxigraph(v) for k, v in bindings.items()
            }
        try:
            return self._store.query(sparql, base_iri=base_iri, **options)
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from error
        except (RuntimeError, ValueError, OSError) as error:
            raise QueryError(str(error)) from error

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
        max_rows: int | None = None,
    ) -> QueryResult:
        answer = self._run(
            sparql,
            bindings=bindings,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            base_iri=base_iri,
        )
        return self._collect(answer, max_rows)

    def _collect(
        self, answer: ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples, max_rows: int | None
    ) -> QueryResult:
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            return self._solutions(answer, max_rows)
        return self._triples(answer, max_rows)

    def answer_bytes(
        self,
        sparql: str,
        choose_format: Callable[[QueryForm], Format],
        *,
        bindings: Mapping[str, Identifier] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
        max_rows: int | None = None,
    ) -> tuple[Format, bytes, bool]:
        """Run a query of any form, and write its answer in the format chosen for its form.

        The engine writes the standard formats; rdflib only what Oxigraph has no writer for
        (JSON-LD compacted with the project's context). Returns the format, the bytes and
        whether ``max_rows`` cut the answer.
        """
        try:
            answer = self._run(
                sparql,
                bindings=bindings,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                base_iri=base_iri,
            )
        except QuerySyntaxError:
            inspect_query(sparql)  # the same words as the other backends
            raise
        form: QueryForm = (
            "ASK"
            if isinstance(answer, ox.QueryBoolean)
            else "SELECT"
            if isinstance(answer, ox.QuerySolutions)
            else "CONSTRUCT"
        )
        fmt = choose_format(form)
        try:
            if isinstance(answer, ox.QueryBoolean) and isinstance(
                fmt.oxigraph, ox.QueryResultsFormat
            ):
                return fmt, answer.serialize(format=fmt.oxigraph) or b"", False
            if isinstance(answer, ox.QuerySolutions) and isinstance(
                fmt.oxigraph, ox.QueryResultsFormat
            ):
                return fmt, *solutions_bytes(answer, fmt.oxigraph, max_rows)
            if (
                isinstance(answer, ox.QueryTriples)
                and isinstance(fmt.oxigraph, ox.RdfFormat)
                and fmt is not f.JSONLD
            ):
                return fmt, *triples_bytes(answer, fmt.oxigraph, max_rows)
        except (RuntimeError, ValueError, OSError) as error:
            raise QueryError(str(error)) from error
        result = self._collect(answer, max_rows)
        return fmt, serialize(result.value, fmt), result.truncated

    @staticmethod
    def _solutions(answer: ox.QuerySolutions, max_rows: int | None) -> QueryResult:
        variables = [v.value for v in answer.variables]
        convert = _rdflib_terms()
        rows: list[dict[str, Identifier]] = []
        for solution in limited(answer, max_rows):
            row = {}
            for name, term in zip(variables, solution, strict=True):
                if term is not None:
                    row[name] = convert(term)
            rows.append(row)
        truncated = max_rows is not None and next(answer, None) is not None
        return QueryResult(SelectResult(variables, rows), truncated)

    @staticmethod
    def _triples(answer: ox.QueryTriples, max_rows: int | None) -> QueryResult:
        graph = Graph()
        convert = _rdflib_terms()
        for triple in limited(answer, max_rows):
            subject, predicate = convert(triple.subject), convert(triple.predicate)
            graph.add((subject, predicate, convert(triple.object)))
        truncated = max_rows is not None and next(answer, None) is not None
        return QueryResult(graph, truncated)

    def triple_count(self) -> int:
        return len(self._store)

    def named_graphs(self) -> list[URIRef]:
        return sorted(
            URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)
        )

    def nquads(self) -> bytes:
        return self._store.dump(format=ox.RdfFormat.N_QUADS) or b""

    def write_nquads(self, out: BinaryIO) -> None:
        """The whole dataset as N-Quads, written by the engine to ``out`` as it goes."""
        self._store.dump(output=out, format=ox.RdfFormat.N_QUADS)

    def dataset(self) -> Dataset:
        dataset = Dataset()
        for s, p, o, g in rdflib_quads(self._store.quads_for_pattern(None, None, None, None)):
            (dataset.default_graph if g is None else dataset.graph(g)).add((s, p, o))
        return dataset
