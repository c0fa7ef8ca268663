"""Where the graph's files are: in the checkout, or inside an installed wheel."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

#: RDF syntaxes by file extension (rdflib format names).
RDF_EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


def graph_root() -> Path:
    """The folder holding ontology/, data/, shapes/ and queries/.

    A wheel carries them in ``service/graph`` (see pyproject.toml); a checkout or an
    editable install has them beside the package.
    """
    installed = _PACKAGE / "graph"
    return installed if installed.is_dir() else _PACKAGE.parent


def _rdf_files(folder: str) -> list[Path]:
    directory = graph_root() / folder
    return sorted(p for p in directory.rglob("*") if p.suffix in RDF_EXTENSIONS and p.is_file())


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
