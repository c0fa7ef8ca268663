"""The SPARQL 1.1 Protocol: negotiation, result serialisation, guards, the endpoint router."""
