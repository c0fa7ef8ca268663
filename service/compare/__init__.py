"""The side-by-side comparison of agreements: model, its SPARQL, formats, SVG, routes, CLI."""
