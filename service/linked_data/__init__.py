"""Linked data: IRI → description → RDF or an HTML page; dumps; the VoID/DCAT description."""
