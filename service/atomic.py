"""Write a file or a folder so that it is either the old one or the whole new one.

Anything the service writes (exports, imports, on-disk stores, static sites) is written
beside its target under a temporary name and renamed into place: a process killed mid-write
leaves the previous result intact, never a half-written one. What a killed folder write
leaves beside its target (a ``.NAME.XXXX.tmp`` folder, or the previous folder moved aside
as ``.NAME.old`` between the two renames) is put right by :func:`recover_folder`, which the
next write of that folder, and the opening of an on-disk store, call first.
"""

import fcntl
import os
import shutil
import sys
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


def _aside(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")


@contextmanager
def _writers(target: Path) -> Iterator[bool]:
    """Register as a writer of ``target`` (a shared lock beside it) for the block; True if
    no other writer was at work when it began (an exclusive lock was had first), so that
    what lies beside ``target`` is left over from killed writers."""
    lock = target.with_name(f".{target.name}.lock")
    try:
        opened = lock.open("a")
    except OSError:  # a read-only place: nobody writes there, so nothing to put right
        yield False
        return
    with opened as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            alone = True
        except BlockingIOError:
            alone = False
        fcntl.flock(handle, fcntl.LOCK_SH)  # a cleaner waits for the last writer to finish
        yield alone


def _recover(target: Path) -> list[str]:
    notes = []
    aside = _aside(target)
    if aside.is_dir():
        if target.exists():
            shutil.rmtree(aside, ignore_errors=True)
            notes.append(f"removed {aside.name}, left beside {target} by a finished write")
        else:
            os.replace(aside, target)
            notes.append(
                f"restored {target} from {aside.name}: a write was killed between its two "
                "renames (the previous folder is back; the interrupted result is not kept)"
            )
    for leftover in sorted(target.parent.glob(f".{target.name}.*.tmp")):
        shutil.rmtree(leftover, ignore_errors=True)
        notes.append(f"removed {leftover.name}, left beside {target} by a killed write")
    return notes


def _say(notes: list[str]) -> None:
    for note in notes:
        print(f"note: {note}", file=sys.stderr, flush=True)


def recover_folder(target: Path) -> list[str]:
    """Put right what killed writes of ``target`` left (safe while another writes it: then
    nothing is touched); what was done, in sentences, also printed to stderr."""
    if not target.parent.is_dir():
        return []
    with _writers(target) as alone:
        notes = _recover(target) if alone else []
    _say(notes)
    return notes


@contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """A temporary folder beside ``target``; it replaces ``target`` when the block succeeds.

    The old folder is moved aside first and removed once the new one is in place, so there is
    always a complete folder at ``target`` except for the instant between two renames (a
    kill then is put right by :func:`recover_folder`, which runs first here).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with _writers(target) as alone:
        if alone:
            _say(_recover(target))
        temporary = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        )
        os.chmod(temporary, 0o777 & ~_umask())  # a web server reads a site: not mkdtemp's 0700
        old = _aside(target)
        try:
            yield temporary
            shutil.rmtree(old, ignore_errors=True)
            if target.exists():
                os.replace(target, old)
            os.replace(temporary, target)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)
