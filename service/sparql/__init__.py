"""The SPARQL 1.1 Protocol at ``/sparql``: request parsing, and the service description.

A parsed request goes to the store (``Store.sparql``), which answers it with its guards,
timeout and serialisation; this package never looks inside the store.
"""
