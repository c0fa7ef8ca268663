"""A `load` killed at the wrong moment: the next `load` or `serve` puts it right, and says so.

The kills are reproduced by leaving exactly what a killed build leaves: the previous store
moved aside (``.store.old``, killed between the two renames of the swap), or an unfinished
build (``.store.XXXX.tmp``).
"""

import json
import os
import subprocess
from pathlib import Path

import live
import pytest

from service.atomic import atomic_folder

DATA = '@prefix ex: <http://example.org/> .\nex:a ex:p "alpha" .\nex:b ex:p "beta" .\n'


def samverkan(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    return live.samverkan(*args, env={"XDG_CACHE_HOME": str(cache)})


@pytest.fixture
def store(tmp_path: Path) -> Path:
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    built = samverkan("load", str(data), "--location", str(tmp_path / "store"), cache=tmp_path)
    assert built.returncode == 0, built.stderr
    return tmp_path / "store"


def health(store: Path) -> subprocess.CompletedProcess[str]:
    return samverkan("serve", "--location", str(store), "--get", "/health", cache=store.parent)


def test_a_swap_cut_between_its_renames_is_undone_on_open(store: Path) -> None:
    aside = store.with_name(".store.old")
    os.replace(store, aside)  # killed after moving the old store aside, before the new came
    served = health(store)
    assert served.returncode == 0, served.stderr
    assert json.loads(served.stdout)["triples"] == 2
    assert "restored" in served.stderr and ".store.old" in served.stderr
    assert store.is_dir() and not aside.exists()


def test_unfinished_builds_are_removed_by_the_next_load(store: Path) -> None:
    leftover = store.with_name(".store.k1ll3d.tmp")
    (leftover / "oxigraph").mkdir(parents=True)
    (leftover / "oxigraph" / "000001.sst").write_bytes(b"\0" * 100_000)
    again = samverkan("load", str(store.parent / "data.ttl"), "--location", str(store),
                      cache=store.parent)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert not leftover.exists()
    assert "removed .store.k1ll3d.tmp" in again.stderr


def test_a_build_under_way_is_left_alone(store: Path) -> None:
    """While another process builds (its temporary folder in use), opening cleans nothing."""
    with pytest.raises(RuntimeError), atomic_folder(store) as building:
        (building / "half-written").write_text("...", encoding="utf-8")
        served = health(store)
        assert served.returncode == 0, served.stderr
        assert building.is_dir() and (building / "half-written").exists()
        assert "removed" not in served.stderr
        raise RuntimeError("the build fails: the old store stays")
    assert not building.exists()
    assert json.loads(health(store).stdout)["triples"] == 2
