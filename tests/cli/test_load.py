"""`samverkan load` and `serve --location` / `--endpoint`: the commands as subprocesses.

The on-disk store is built once, recorded with a content hash of its inputs and shapes, and
served without validating again; a remote engine is a real `oxigraph serve` the test starts.
"""

import json
import os
import subprocess
import time
from pathlib import Path

import httpx
import live
import pytest
from engines import Engines
from live import running_server
from virtuoso_server import PASSWORD, USER

from service.paths import default_graph_files
from service.store.remote import RemoteStore

DATA = """@prefix ex: <http://example.org/> .
ex:a ex:p "alpha" .
ex:b ex:p "beta" .
"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def samverkan(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    """``samverkan *args`` with its own verdict cache."""
    return live.samverkan(*args, env={"XDG_CACHE_HOME": str(cache)})


def count_over_http(url: str) -> int:
    answer = httpx.get(f"{url}/sparql", params={"query": COUNT, "format": "json"}, timeout=30)
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_load_builds_once_and_serve_opens_it_without_validating(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    store = tmp_path / "store"
    built = samverkan("load", str(data), "--location", str(store), cache=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "built, 2 quads" in built.stdout and "validated in" in built.stdout
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["quads"] == 2 and len(manifest["digest"]) == 64
    again = samverkan("load", str(data), "--location", str(store), cache=tmp_path)
    assert again.returncode == 0 and "unchanged, 2 quads" in again.stdout
    # Served as it is: shapes that would refuse the data are not even read.
    broken = tmp_path / "broken-shapes.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    health = samverkan(
        "serve", "--location", str(store), "--shapes", str(broken), "--get", "/health",
        cache=tmp_path,
    )  # fmt: skip
    assert health.returncode == 0, health.stderr
    assert json.loads(health.stdout)["triples"] == 2


def test_serve_rebuilds_only_when_the_inputs_change(tmp_path: Path) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    store = tmp_path / "store"
    first = samverkan("serve", str(data), "--location", str(store), "--get", "/health",
                      cache=tmp_path)  # fmt: skip
    assert first.returncode == 0 and "built in" in first.stderr, first.stderr
    stamp = (store / "manifest.json").stat().st_mtime_ns
    same = samverkan("serve", str(data), "--location", str(store), "--get", "/health",
                     cache=tmp_path)  # fmt: skip
    assert same.returncode == 0 and "built in" not in same.stderr
    assert (store / "manifest.json").stat().st_mtime_ns == stamp
    data.write_text(DATA + 'ex:c ex:p "gamma" .\n', encoding="utf-8")
    changed = samverkan("serve", str(data), "--location", str(store), "--get", "/health",
                        cache=tmp_path)  # fmt: skip
    assert changed.returncode == 0 and "built in" in changed.stderr
    assert json.loads(changed.stdout)["triples"] == 3


def test_violations_write_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix skg: <https://w3id.org/samverkan-kg/ontology#> .\n"
        "<https://w3id.org/samverkan-kg/project/x> a skg:Project .\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    refused = samverkan("load", str(bad), "--location", str(store), cache=tmp_path)
    assert refused.returncode == 1 and "Violation" in refused.stderr
    assert not store.exists()
    allowed = samverkan("load", str(bad), "--location", str(store), "--allow-invalid",
                        cache=tmp_path)  # fmt: skip
    assert allowed.returncode == 0 and (store / "manifest.json").is_file()


def test_bad_input_exits_2_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://a> <http://b> "c"\n<http://d> <http://e> "f" .\n', encoding="utf-8")
    failed = samverkan("load", str(bad), "--location", str(tmp_path / "s"), cache=tmp_path)
    assert failed.returncode == 2 and failed.stderr.startswith(f"{bad}:1: "), failed.stderr
    nowhere = samverkan("load", str(bad), cache=tmp_path)
    assert nowhere.returncode == 2 and "--location" in nowhere.stderr
    empty = samverkan("serve", "--location", str(tmp_path / "none"), "--get", "/health",
                      cache=tmp_path)  # fmt: skip
    assert empty.returncode == 2 and "samverkan load" in empty.stderr


def test_a_served_store_answers_through_its_workers(tmp_path: Path) -> None:
    store = tmp_path / "store"
    files = [str(p) for p in default_graph_files()]
    built = samverkan("load", *files, "--location", str(store), cache=tmp_path)
    assert built.returncode == 0, built.stderr
    with running_server(["--location", str(store), "--workers", "2"]) as server:
        assert count_over_http(server.url) > 2000
        page = httpx.get(f"{server.url}/project/ulf", headers={"Accept": "text/turtle"})
        assert page.status_code == 200 and "ulf" in page.text


def _open_in(folder: Path, pgid: int) -> set[int]:
    """Processes of the server's group holding a file in ``folder`` open."""
    holders = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != pgid or int(entry.name) == pgid:
                continue
            links = [os.readlink(fd) for fd in (entry / "fd").iterdir()]
        except OSError:
            continue
        if any(link.startswith(str(folder)) for link in links):
            holders.add(int(entry.name))
    return holders


@pytest.mark.parametrize("worker_data", ["memory", "disk"])
def test_workers_read_a_copy_in_memory_or_the_store_on_disk(
    worker_data: str, tmp_path: Path
) -> None:
    """``--worker-data``: the same answers from an in-memory copy or the on-disk store."""
    store = tmp_path / "store"
    files = [str(p) for p in default_graph_files()]
    assert samverkan("load", *files, "--location", str(store), cache=tmp_path).returncode == 0
    args = ["--location", str(store), "--workers", "2", "--worker-data", worker_data]
    with running_server(args) as server:
        assert count_over_http(server.url) > 2000
        reading = _open_in(store.resolve(), server.process.pid)
        # The parent has the store open for pages; workers only when they read it from disk.
        assert len(reading) == (2 if worker_data == "disk" else 0), reading


@pytest.mark.parametrize("through", ["--graph-store-endpoint", "--update-endpoint"])
def test_load_and_serve_over_a_remote_engine(
    through: str, tmp_path: Path, engines: Engines
) -> None:
    """A load through the Graph Store (a PUT per graph) or through the update URL (every
    graph in one SPARQL Update request; no Graph Store URL given: the query URL takes no
    upload): the same triples."""
    engine = engines.server()
    url = engine.store_url if through == "--graph-store-endpoint" else engine.update_url
    files = [str(p) for p in default_graph_files()]
    loaded = samverkan("load", *files, "--endpoint", engine.query_url, through, url, cache=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.startswith(f"{url}: uploaded ")
    uploaded = int(loaded.stdout.split("uploaded ")[1].split()[0])
    assert RemoteStore(engine.query_url).triple_count() == uploaded
    with running_server(["--endpoint", engine.query_url]) as server:
        assert count_over_http(server.url) > 2000
        health = httpx.get(f"{server.url}/health").json()
        assert health["store"] == "remote"
        question = httpx.get(f"{server.url}/queries/projects-by-sdg", params={"format": "json"})
        assert question.status_code == 200 and question.json()["results"]["bindings"]
        compare = httpx.get(f"{server.url}/compare.json")
        assert compare.status_code == 200
        # The guard lets the service reach its engine, and nothing else.
        refused = httpx.get(
            f"{server.url}/sparql",
            params={"query": "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"},
        )
        assert refused.status_code == 400


def test_load_and_serve_over_virtuoso(tmp_path: Path, engines: Engines) -> None:
    """The same over Virtuoso: credentials from the environment, the dialect by flag, and a
    second load switches the service to the new graph."""
    engine = engines.virtuoso()
    secrets = {"SAMVERKAN_ENDPOINT_USER": USER, "SAMVERKAN_ENDPOINT_PASSWORD": PASSWORD}
    flags = ["--endpoint", engine.query_url, "--endpoint-dialect", "virtuoso"]
    files = [str(p) for p in default_graph_files()]
    loaded = live.samverkan(
        "load", *files, *flags, "--graph-store-endpoint", engine.store_url,
        env={**secrets, "XDG_CACHE_HOME": str(tmp_path)},
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    refused = live.samverkan(
        "load", *files, *flags, "--graph-store-endpoint", engine.store_url,
        env={"XDG_CACHE_HOME": str(tmp_path)},
    )  # fmt: skip
    assert refused.returncode == 2 and "Graph Store refused" in refused.stderr
    with running_server(flags) as server:  # reading needs no credentials
        count = count_over_http(server.url)
        assert count > 2000
        question = httpx.get(f"{server.url}/queries/projects-by-sdg", params={"format": "json"})
        assert question.status_code == 200 and question.json()["results"]["bindings"]
        assert httpx.get(f"{server.url}/compare.json").status_code == 200
        system = httpx.get(
            f"{server.url}/sparql",
            params={"query": "ASK { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert system.json()["boolean"] is False  # Virtuoso's own graphs stay hidden
        small = tmp_path / "small.ttl"
        small.write_text("<https://example.org/a> <https://example.org/b> 1 .\n")
        again = live.samverkan(
            "load", str(small), "--allow-invalid", *flags,
            "--graph-store-endpoint", engine.store_url,
            env={**secrets, "XDG_CACHE_HOME": str(tmp_path)},
        )  # fmt: skip
        assert again.returncode == 0, again.stderr
        deadline = time.monotonic() + 10
        while count_over_http(server.url) != 1:
            assert time.monotonic() < deadline, "the service never saw the new graph"
            time.sleep(0.2)


@pytest.mark.parametrize("flag", ["--endpoint", "--graph-store-endpoint"])
def test_credentials_have_no_flag(flag: str, tmp_path: Path) -> None:
    shown = samverkan("serve", "--help", cache=tmp_path)
    assert flag in shown.stdout
    assert "--endpoint-password" not in shown.stdout and "--endpoint-user" not in shown.stdout
