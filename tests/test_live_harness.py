"""The live-test harness in ``tests/live.py``: the skip-or-fail rule, the server's lifetime."""

import socket
from pathlib import Path

import httpx
import live
import locations
import pytest


@pytest.fixture
def no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in live.CI_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("no_ci")
@pytest.mark.parametrize("value", [None, "", "0", "false", "no", "off", "False"])
def test_missing_browser_skips_off_ci(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is not None:
        monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception, match="needs chromium"):
        live.skip_or_fail("needs chromium")


@pytest.mark.usefixtures("no_ci")
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CI", "true"),
        ("CI", "1"),
        ("CI", "TRUE"),
        ("CI", "yes"),
        ("SAMVERKAN_REQUIRE_BROWSER", "1"),
    ],
)
def test_missing_browser_fails_on_ci(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(pytest.fail.Exception, match="needs chromium"):
        live.skip_or_fail("needs chromium")


@pytest.mark.usefixtures("no_ci")
def test_chromium_off_the_path_is_named_then_skipped_or_failed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no chromium, no chromedriver
    reason = live.browser_missing()
    assert reason is not None and "chromium and chromedriver" in reason
    with pytest.raises(pytest.skip.Exception):
        live.require_browser()
    with pytest.raises(pytest.skip.Exception), live.chromium_driver():
        pass
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="chromium"):
        live.require_browser()
    with pytest.raises(pytest.fail.Exception, match="chromium"), live.chromium_driver():
        pass


def _group(pgid: int) -> set[int]:
    """Living (not zombie) processes in process group ``pgid``."""
    members = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.add(int(stat.parent.name))
    return members


def test_server_answers_then_its_whole_group_stops(tmp_path: Path) -> None:
    if not Path("/proc/self/stat").is_file():
        pytest.skip("needs /proc to list the server's process group")
    data = tmp_path / "data.ttl"
    data.write_text("<http://example.org/a> <http://example.org/p> 1 .\n", encoding="utf-8")
    with live.running_server([str(data), "--workers", "2"]) as server:
        health = httpx.get(server.url + "/health", timeout=10).json()
        assert health["triples"] == 1
        assert server.stdout().startswith(f"Serving samverkan-kg on {server.url}/")
        pgid = server.process.pid
        assert len(_group(pgid)) >= 3  # the server and its two query workers
    assert server.process.returncode is not None
    assert _group(pgid) == set()


def test_server_that_exits_fails_with_its_output(tmp_path: Path) -> None:
    missing = tmp_path / "missing.ttl"
    with pytest.raises(pytest.fail.Exception) as failure, live.running_server([str(missing)]):
        pass
    assert "exited 2" in str(failure.value)
    assert str(missing) in str(failure.value)


def test_free_port_is_free() -> None:
    port = live.free_port()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", port))  # would raise if something held it


def test_absent_shared_data_skips_off_ci(no_ci: None, tmp_path: Path) -> None:
    with pytest.raises(pytest.skip.Exception, match="absent"):
        locations.require_shared(tmp_path / "sources")


def test_absent_shared_data_fails_under_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"absent.*under CI=true"):
        locations.require_shared(tmp_path / "sources")
    assert locations.require_shared(tmp_path) == tmp_path  # present: handed back


def test_the_cli_runs_without_the_developers_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A SAMVERKAN_* variable set outside never reaches ``samverkan`` run by a test."""
    monkeypatch.setenv("SAMVERKAN_QUERIES_DIR", "/nonexistent/questions")
    listed = live.samverkan("query", "--list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert "units-per-partner" in listed.stdout
    given = live.samverkan(
        "query", "--list", env={"SAMVERKAN_QUERIES_DIR": "/nonexistent/questions"}
    )
    assert "units-per-partner" not in given.stdout  # what a test passes on purpose arrives
