"""``service.aside.Aside``: a function run in a forked child while the caller goes on.

Each case runs in a fresh interpreter, so that whether the process has other threads (which
forbid the fork) is the case's own doing, not the test session's.
"""

import subprocess
import sys
import textwrap


def run(body: str) -> str:
    script = "import os, threading, time\nfrom service.aside import Aside\n" + textwrap.dedent(body)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_function_runs_in_a_child_beside_the_caller() -> None:
    out = run(
        """
        began = time.monotonic()
        aside = Aside(lambda: (os.getpid(), time.sleep(1.0)))
        time.sleep(1.0)  # the caller's own work, at the same time
        pid, _ = aside.result()
        print(pid != os.getpid(), time.monotonic() - began < 1.8)
        """
    )
    assert out == "True True"


def test_with_other_threads_it_runs_in_the_caller_when_asked() -> None:
    out = run(
        """
        threading.Thread(target=time.sleep, args=(2,), daemon=True).start()
        print(Aside(os.getpid).result() == os.getpid())
        """
    )
    assert out == "True"


def test_a_failure_in_the_child_is_raised_to_the_caller() -> None:
    out = run(
        """
        def fail():
            raise ValueError("broken.rq:2: bad header")
        try:
            Aside(fail).result()
        except ValueError as error:
            print(error)
        """
    )
    assert out == "broken.rq:2: bad header"
