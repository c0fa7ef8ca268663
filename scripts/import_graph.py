"""Print the import graph between service's packages and top-level modules, layer by layer.

Every import counts (inside functions and under TYPE_CHECKING too), as import-linter counts
them: the graph comes from grimp, the library import-linter builds its graph with. The
layers are read from pyproject.toml's layers contract, so this picture and the contract
cannot drift apart. Exits 1 if the graph has a circle (import-linter's acyclic contract
says the same in CI: `.venv/bin/lint-imports`).

Usage: .venv/bin/python scripts/import_graph.py
"""

import sys
import tomllib
from pathlib import Path

import grimp

ROOT = "service"
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def layers() -> list[str]:
    """The layers contract's layers, top first (``a | b``: independent siblings, ``a : b``:
    siblings that may import each other)."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")
    return list(contract["layers"])


def edges() -> dict[str, set[str]]:
    """Child of service → the children of service it imports (the root package left out)."""
    graph = grimp.build_graph(ROOT)
    children = {m.split(".")[1] for m in graph.modules if m.count(".") >= 1}
    found: dict[str, set[str]] = {child: set() for child in children}
    for importer in graph.modules:
        if importer == ROOT:
            continue
        source = importer.split(".")[1]
        for imported in graph.find_modules_directly_imported_by(importer):
            parts = imported.split(".")
            if parts[0] == ROOT and len(parts) > 1 and parts[1] != source:
                found[source].add(parts[1])
    return found


def circle(found: dict[str, set[str]]) -> list[str] | None:
    """A circle in the graph, if there is one."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(found.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (hit := visit(nxt)):
                return hit
        state[node] = 2
        path.pop()
        return None

    for node in sorted(found):
        if node not in state and (hit := visit(node)):
            return hit
    return None


def main() -> int:
    found = edges()
    for number, layer in enumerate(layers(), 1):
        print(f"layer {number}: {layer}")
        for module in (m.strip() for m in layer.replace("|", ":").split(":")):
            print(f"  {module} -> {', '.join(sorted(found.get(module, ()))) or '(nothing)'}")
    loop = circle(found)
    print("circle: " + (" -> ".join(loop) if loop else "none"))
    return 1 if loop else 0


if __name__ == "__main__":
    sys.exit(main())
