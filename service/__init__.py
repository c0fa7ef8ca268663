"""samverkan-kg: knowledge graph of university–public sector partnerships in Sweden."""

__version__ = "0.1.0"
