"""Reading the graph's files: RDF with file:line errors, SHACL validation and its report."""

from .rdf import RdfSyntaxError, load_files, load_graph

__all__ = ["RdfSyntaxError", "load_files", "load_graph"]
