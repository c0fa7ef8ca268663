"""`diff` compares resources by their descriptions: the blank nodes a resource leads to are
named within that description, and blank nodes nothing leads to are compared too."""

from rdflib import Graph

from service.publishing.diff import diff


def _graph(turtle: str) -> Graph:
    return Graph().parse(data="@prefix : <http://example.org/> .\n" + turtle, format="turtle")


def test_a_changed_blank_node_shows_only_what_changed_under_its_resource() -> None:
    old = _graph(':a :start [ :label "oktober" ; :year 2021 ] . :b :start [ :year 2020 ] .')
    new = _graph(':a :start [ :label "november" ; :year 2021 ] . :b :start [ :year 2020 ] .')
    [change] = diff(old, new)
    assert change.resource == "<http://example.org/a>"
    assert len(change.removed) == 1 and change.removed[0].endswith('"oktober"')
    assert len(change.added) == 1 and change.added[0].endswith('"november"')


def test_blank_nodes_in_a_cycle_nothing_leads_to_are_compared() -> None:
    old = _graph("_:x :next _:y . _:y :next _:x .")
    new = _graph("_:x :next _:y . _:y :next _:x . _:y :value 1 .")
    assert diff(old, old) == []
    [change] = diff(old, new)
    assert change.resource == "[]" and change.added and not change.removed
