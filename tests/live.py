"""The harness of the live tests: a real `samverkan serve` process and headless Chromium.

A plain module, not a test module: ``tests/cli/test_serve.py`` and the browser tests import it.
Browser tests skip, saying what is missing, when selenium, chromium or chromedriver is
absent — except on CI (``CI`` or ``SAMVERKAN_REQUIRE_BROWSER`` true), where that is a failure,
so a CI run can never go green by skipping them.
"""

import contextlib
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import httpx
import locations
import pytest
from locations import REPO

#: Variables that, set to a true value, make a missing browser fail instead of skip.
CI_VARIABLES = ("CI", "SAMVERKAN_REQUIRE_BROWSER")

#: Debian's packages ``chromium`` and ``chromium-driver`` put these on the PATH (/usr/bin).
CHROMIUM = "chromium"
CHROMEDRIVER = "chromedriver"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

#: Seconds a stopping server gets after SIGTERM before its process group is killed.
GRACE = 15


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- a real server ----------------------------------------------------------------------


class LiveServer:
    """A running `samverkan serve`: its base URL, its process and what it printed."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, logs: Path) -> None:
        self.process = process
        self.url = url  # http://127.0.0.1:PORT, no trailing slash
        self._logs = logs

    def stdout(self) -> str:
        """What the server printed to stdout so far (the banner, then uvicorn's access log)."""
        return (self._logs / "stdout.log").read_text(encoding="utf-8", errors="replace")

    def stderr(self) -> str:
        """What the server printed to stderr so far (warnings, uvicorn's own log)."""
        return (self._logs / "stderr.log").read_text(encoding="utf-8", errors="replace")

    def output(self) -> str:
        """The log so far: stdout, then stderr."""
        return self.stdout() + self.stderr()


def clean_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This environment without the developer's SAMVERKAN_* settings, plus ``extra``."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
    return {**clean, **(extra or {})}


#: The installed command, beside this interpreter.
SAMVERKAN = Path(sys.executable).with_name("samverkan")


def samverkan(
    *args: str | Path,
    env: Mapping[str, str] | None = None,
    cwd: Path = REPO,
    timeout: float = 300,
    wrapper: Sequence[str] = (),
    preexec_fn: Callable[[], object] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``samverkan *args`` as a subprocess, run from ``cwd``: the one way tests run the CLI.

    Its environment is this one without SAMVERKAN_* settings (a developer's own must not
    change a test's answer), plus ``env``. ``wrapper`` goes before the command (``unshare
    -n``), ``preexec_fn`` runs in the child before it starts (a memory limit).
    """
    return subprocess.run(
        [*wrapper, str(SAMVERKAN), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
        env=clean_environment(env),
        preexec_fn=preexec_fn,
    )


def baseline(action: Callable[[], object], times: int = 5) -> float:
    """The median seconds ``action`` takes, measured now: what a timing test's allowance
    scales with, so a loaded machine widens it instead of failing the test."""
    seconds = []
    for _ in range(times):
        started = time.monotonic()
        action()
        seconds.append(time.monotonic() - started)
    return sorted(seconds)[len(seconds) // 2]


@contextlib.contextmanager
def running_server(
    args: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path = REPO,
    timeout: float = 60,
) -> Iterator[LiveServer]:
    """``samverkan serve *args`` on a free loopback port, once ``/health`` answers.

    ``env`` adds variables to this environment (SAMVERKAN_* ones removed first). The server
    runs in its own session; on exit its whole process group is stopped, query workers too.
    """
    port = free_port()
    command = [sys.executable, "-m", "service.cli", "serve", *args, "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="samverkan-serve-") as folder:
        logs = Path(folder)
        with (logs / "stdout.log").open("wb") as out, (logs / "stderr.log").open("wb") as err:
            process = subprocess.Popen(
                command,
                stdout=out,
                stderr=err,
                cwd=cwd,
                env=clean_environment(env),
                start_new_session=True,  # its query workers join its group: all stop together
            )
        server = LiveServer(process, url, logs)
        try:
            _wait_for_health(server, timeout)
            yield server
        finally:
            stop_group(process)


def _wait_for_health(server: LiveServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            pytest.fail(
                f"samverkan serve exited {server.process.returncode}:\n{server.output()}",
                pytrace=False,
            )
        try:
            if httpx.get(server.url + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(
                f"samverkan serve did not answer {server.url}/health within {timeout:g} s:\n"
                f"{server.output()}",
                pytrace=False,
            )
        time.sleep(0.1)


def stop_group(process: subprocess.Popen[bytes], grace: float = GRACE) -> None:
    """SIGTERM the process group ``process`` leads; SIGKILL whatever is left after ``grace``."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError):  # a worker that outlived it (none expected)
        os.killpg(process.pid, signal.SIGKILL)
    # A killed process lingers until the kernel has torn it down: return once none is left.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


# --- headless Chromium ------------------------------------------------------------------


def on_ci() -> bool:
    """Whether a CI variable is set to a true value (``true``, ``1``, ``yes``, ``on``)."""
    return locations.on_ci(CI_VARIABLES)


def skip_or_fail(reason: str, *, module: bool = False) -> NoReturn:
    """Skip saying why; on CI fail instead, so CI cannot pass by skipping browser tests."""
    if on_ci():
        pytest.fail(
            f"{reason} (on CI the browser tests must run; CI installs chromium)", pytrace=False
        )
    pytest.skip(reason, allow_module_level=module)


def browser_missing() -> str | None:
    """What the browser tests lack (selenium, chromium, chromedriver), or None."""
    if importlib.util.find_spec("selenium") is None:
        return "needs the PyPI package selenium (pip install -e '.[test]')"
    absent = [name for name in (CHROMIUM, CHROMEDRIVER) if shutil.which(name) is None]
    if absent:
        return (
            f"needs headless Chromium, {' and '.join(absent)} not on the PATH: "
            "apt-get install -y chromium chromium-driver"
        )
    return None


def require_browser() -> None:
    """At the top of a browser test module: skip it (or fail, on CI) if a browser is missing."""
    reason = browser_missing()
    if reason is not None:
        skip_or_fail(reason, module=True)


@contextlib.contextmanager
def chromium_driver(
    *,
    window_size: tuple[int, int] = (1280, 1000),
    performance_log: bool = False,
    page_load_timeout: float = 60,
) -> Iterator[Any]:
    """Debian's headless Chromium through chromedriver, with a fresh profile; quit on exit.

    ``performance_log`` records the DevTools network events (``driver.get_log("performance")``).
    Yields selenium's WebDriver (``Any``: selenium is an optional test dependency).
    """
    reason = browser_missing()
    if reason is not None:
        skip_or_fail(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = shutil.which(CHROMIUM), shutil.which(CHROMEDRIVER)
    assert chromium is not None and chromedriver is not None  # browser_missing checked
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in (*CHROMIUM_FLAGS, "--window-size={},{}".format(*window_size)):
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        if performance_log:
            options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        # A driver path given to Service means Selenium Manager never runs (nor downloads).
        driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
        try:
            driver.set_page_load_timeout(page_load_timeout)
            yield driver
        finally:
            driver.quit()


def remote_requests(browser: Any) -> list[str]:
    """Network requests since the last call that left this machine's loopback (needs the
    driver started with ``performance_log=True``)."""
    import json
    from urllib.parse import urlsplit

    remote = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] != "Network.requestWillBeSent":
            continue
        url = message["params"]["request"]["url"]
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in (
            "127.0.0.1",
            "localhost",
        ):
            remote.append(url)
    return remote


def open_query_page(browser: Any, url: str, wait: float = 30) -> Any:
    """Open the query page at ``url``; return a WebDriverWait once the editor is drawn and
    the examples are loaded."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    waiting = WebDriverWait(browser, wait)
    waiting.until(
        lambda b: b.find_element(By.ID, "examples").get_attribute("data-loaded") == "true"
    )
    waiting.until(lambda b: b.find_elements(By.CSS_SELECTOR, ".CodeMirror textarea"))
    return waiting


def run_query_and_wait(browser: Any, waiting: Any) -> None:
    """Press the query page's Run button; wait for the labelled table, an answer or an error."""
    from selenium.webdriver.common.by import By

    browser.execute_script("document.getElementById('results').replaceChildren()")
    browser.find_element(By.ID, "run").click()
    waiting.until(
        lambda b: (
            b.find_elements(By.CSS_SELECTOR, "#results-table[data-labelled=done]")
            or b.find_elements(By.CSS_SELECTOR, "#results .error, #answer")
        )
    )
