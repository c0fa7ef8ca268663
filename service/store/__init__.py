"""One small store interface with several backends (see base.py)."""

from .base import SelectResult, Store

__all__ = ["SelectResult", "Store"]
