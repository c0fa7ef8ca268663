"""Inline RDF for tests: a module of its own, because test modules cannot import from
``conftest`` (under pytest-xdist another folder's ``conftest`` may hold that name)."""

from rdflib import Dataset


def dataset_from(trig: str) -> Dataset:
    """A Dataset from inline TriG (plain Turtle lands in the default graph)."""
    dataset = Dataset()
    dataset.parse(data=trig, format="trig")
    return dataset
