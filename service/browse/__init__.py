"""Browse without SPARQL: the kinds of things and their counts, and a table per kind."""
