"""Where the graph's files are: a folder you name, the checkout you work in, or the wheel.

Editing works the same however the service was installed: change a file under ``data/``
(or add ``queries/x.rq``) in a checkout, restart ``samverkan`` from that checkout, and the
change is served — a plain ``pip install .`` does not freeze the graph it copied.
"""

import os
from pathlib import Path
from typing import Final

from .formats import rdf_file_format

_PACKAGE = Path(__file__).resolve().parent
#: The setting (see Settings.graph_root) that names the folder to read, wherever you are.
GRAPH_ROOT_VARIABLE: Final = "SAMVERKAN_GRAPH_ROOT"
#: What makes a folder a graph checkout: these subfolders (shapes/ and queries/ may be absent).
_MARKERS: Final = ("ontology", "data")


def is_graph_folder(folder: Path) -> bool:
    """Whether ``folder`` holds the graph's files (``ontology/`` and ``data/``)."""
    return all((folder / name).is_dir() for name in _MARKERS)


def graph_root() -> Path:
    """The folder holding ontology/, data/, shapes/ and queries/, the first of:

    1. ``SAMVERKAN_GRAPH_ROOT``, if set;
    2. the working directory, if it is a checkout (has ``ontology/`` and ``data/``), so
       that edits there are served after a restart even by a non-editable install;
    3. the checkout the package lives in (an editable install);
    4. the copy a wheel carries in ``service/graph`` (see pyproject.toml).
    """
    named = os.environ.get(GRAPH_ROOT_VARIABLE, "").strip()
    if named:
        return Path(named).expanduser().resolve()
    here = Path.cwd()
    if is_graph_folder(here):
        return here
    if is_graph_folder(_PACKAGE.parent):
        return _PACKAGE.parent
    return _PACKAGE / "graph"


def rdf_files_in(directory: Path) -> list[Path]:
    """The RDF files in a folder and its subfolders, sorted (by extension, see formats)."""
    return sorted(p for p in directory.rglob("*") if p.is_file() and rdf_file_format(p.suffix))


def _rdf_files(folder: str) -> list[Path]:
    return rdf_files_in(graph_root() / folder)


def ontology_files() -> list[Path]:
    return _rdf_files("ontology")


def data_files() -> list[Path]:
    return _rdf_files("data")


def shape_files() -> list[Path]:
    return _rdf_files("shapes")


def default_graph_files() -> list[Path]:
    """The curated graph: ontology plus instance data."""
    return ontology_files() + data_files()


def queries_dir() -> Path:
    return graph_root() / "queries"
