"""Where the graph's files are: in the checkout, or inside an installed wheel."""

from pathlib import Path

from .formats import rdf_file_format

_PACKAGE = Path(__file__).resolve().parent


def graph_root() -> Path:
    """The folder holding ontology/, data/, shapes/ and queries/.

    A wheel carries them in ``service/graph`` (see pyproject.toml); a checkout or an
    editable install has them beside the package.
    """
    installed = _PACKAGE / "graph"
    return installed if installed.is_dir() else _PACKAGE.parent


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
