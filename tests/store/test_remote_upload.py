"""``samverkan load --endpoint`` on a standard engine (`oxigraph serve`, the generic remote
backend): with an update URL, a load replaces every graph in one SPARQL Update request, so a
reader sees the old dataset or the new one, never a mix (the Virtuoso dialect's loads are
tested in ``test_virtuoso.py``: its default graph switches atomically, its named graphs do
not, README's "What still differs")."""

import pyoxigraph as ox
from engines import Engines, reading

from service.store.remote import RemoteStore, replacing

EX = "http://example.org/"
#: Each named graph's triple count per graph, in one query: one snapshot of the dataset.
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def quads(sizes: dict[str, int], tag: str) -> list[ox.Quad]:
    """``sizes[graph]`` triples in each named graph, and one in the default graph."""
    found = [ox.Quad(ox.NamedNode(EX + tag), ox.NamedNode(EX + "p"), ox.Literal(tag))]
    for graph, size in sizes.items():
        found += [
            ox.Quad(
                ox.NamedNode(f"{EX}{tag}{n}"),
                ox.NamedNode(EX + "p"),
                ox.Literal(str(n)),
                ox.NamedNode(EX + graph),
            )
            for n in range(size)
        ]
    return found


def test_a_load_replaces_the_named_graphs_at_once(engines: Engines) -> None:
    server = engines.server()
    store = RemoteStore(server.query_url, server.store_url, update=server.update_url)
    reader = RemoteStore(server.query_url)
    old = {"g1": 20_000, "g2": 30_000}
    new = {"g1": 30_000, "g2": 15_000}
    store.upload(quads(old, "old"))
    states = {frozenset((EX + g, n) for g, n in sizes.items()) for sizes in (old, new)}

    def per_graph() -> frozenset[tuple[str, int]]:
        rows = reader.select(PER_GRAPH).rows
        return frozenset((str(row["g"]), int(row["n"])) for row in rows)

    with reading(per_graph) as seen:
        store.upload(quads(new, "new"))
        store.upload(quads(old, "old"))
    assert set(seen) <= states, [sorted(state) for state in set(seen) - states]
    assert sum(seen.values()) > 2  # the reader read while the loads ran, not only around them
    assert reader.triple_count() == 1 + sum(old.values())  # the old load's default graph alone


def test_the_update_request_keeps_blank_nodes_shared_across_graphs() -> None:
    shared = ox.BlankNode("b1")
    request = replacing(
        {
            None: [ox.Triple(shared, ox.NamedNode(EX + "p"), ox.Literal("a"))],
            EX + "g": [ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "q"), shared)],
        }
    )
    assert request.startswith(f"DROP SILENT DEFAULT ;\nDROP SILENT GRAPH <{EX}g> ;\nINSERT DATA")
    assert request.count("_:b1") == 2 and request.count("INSERT DATA") == 1
