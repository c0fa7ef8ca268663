"""Data the query workers share copy-on-write: loaded once, in the forkserver, before any fork.

Workers are forked from multiprocessing's forkserver, which imports this module first (see
``pool.py``). When the serving process names a store folder in ``WORKER_DATA`` before its
first worker starts, the forkserver loads that store into memory here, once; every worker
forked afterwards shares those pages copy-on-write (queries only read them), so the data is
held once however many workers there are — at in-memory speed, which an on-disk store read
through RocksDB does not reach for string-heavy queries. Without it (or for another folder)
a worker opens the folder read-only instead.
"""

import os
from typing import Final

import pyoxigraph as ox

#: The environment variable naming the store folder the forkserver loads into memory.
WORKER_DATA: Final = "_SAMVERKAN_WORKER_DATA"

#: Folder → the in-memory copy of the store in it.
PRELOADED: dict[str, ox.Store] = {}


def _preload() -> None:
    folder = os.environ.get(WORKER_DATA)
    if not folder:
        return
    try:
        disk = ox.Store.read_only(folder)
    except OSError:
        return  # a worker opens the folder itself and says what is wrong
    memory = ox.Store()
    memory.bulk_extend(disk.quads_for_pattern(None, None, None, None))
    del disk
    PRELOADED[folder] = memory


_preload()
