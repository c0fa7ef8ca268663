"""Errors about an input file, reported the one way the CLI and the service say them."""

from pathlib import Path


class FileError(ValueError):
    """Something wrong in a file: ``path:line: message`` (the line where it is known)."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
