"""Write a file or a folder so that it is either the old one or the whole new one.

Anything the service writes (exports, imports, on-disk stores, static sites) is written
beside its target under a temporary name and renamed into place: a process killed mid-write
leaves the previous result intact, never a half-written one.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it when the block ends without error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    os.chmod(temporary, 0o666 & ~_umask())  # as open() would make it, not mkstemp's 0600
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(target: Path, data: bytes | str) -> None:
    """Write ``data`` to ``target`` atomically (text as UTF-8)."""
    with atomic_file(target) as temporary:
        if isinstance(data, str):
            temporary.write_text(data, encoding="utf-8")
        else:
            temporary.write_bytes(data)


@contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """A temporary folder beside ``target``; it replaces ``target`` when the block succeeds.

    The old folder is moved aside first and removed once the new one is in place, so there is
    always a complete folder at ``target`` except for the instant between two renames.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    os.chmod(temporary, 0o777 & ~_umask())  # a web server must read a site: not mkdtemp's 0700
    old = target.with_name(f".{target.name}.old")
    try:
        yield temporary
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        os.replace(temporary, target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
