"""Measure the SPARQL endpoint's timeout: a runaway query is cut off while others are served.

Starts a real `samverkan serve` (uvicorn) on a loopback port over a generated graph, sends a
runaway query (a four-way cross join) from one client and simple queries from another, and
prints: when the runaway query's error arrived against the configured timeout, and the
simple queries' latencies during the runaway against a baseline measured before it, idle.

    python bench/timeout.py [--timeout 2] [--triples 3000] [--simple 20]
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SIMPLE = "PREFIX ex: <http://example.org/> SELECT ?v WHERE { ex:s42 ex:value ?v }"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def simple_latencies(url: str, count: int) -> list[float]:
    times = []
    with httpx.Client(timeout=30) as client:
        for _ in range(count):
            start = time.perf_counter()
            answer = client.get(url, params={"query": SIMPLE, "format": "json"})
            answer.raise_for_status()
            assert answer.json()["results"]["bindings"][0]["v"]["value"] == "42"
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--triples", type=int, default=3000)
    parser.add_argument("--simple", type=int, default=20)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp())
    data = folder / "data.ttl"
    lines = ["@prefix ex: <http://example.org/> ."]
    lines += [f"ex:s{i} ex:value {i} ." for i in range(args.triples)]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "service.cli", "serve", str(data), "--port", str(port)]
    command += ["--timeout", str(args.timeout), "--workers", "2"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
    server = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("server did not start")
            time.sleep(0.2)

        baseline = simple_latencies(url, args.simple)
        runaway: dict[str, object] = {}

        def run_away() -> None:
            start = time.perf_counter()
            answer = httpx.get(url, params={"query": RUNAWAY}, timeout=args.timeout * 10)
            runaway.update(
                seconds=time.perf_counter() - start,
                status=answer.status_code,
                body=answer.text.strip(),
            )

        thread = threading.Thread(target=run_away)
        thread.start()
        time.sleep(0.2)  # let the runaway query start first
        during = simple_latencies(url, args.simple)
        thread.join()
        after = simple_latencies(url, 5)  # a fresh worker replaced the killed one
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"

    print(f"graph: {args.triples} triples; timeout setting: {args.timeout:g} s; 2 workers")
    print(
        f"runaway query: HTTP {runaway['status']} after {runaway['seconds']:.2f} s "
        f"({float(runaway['seconds']) / args.timeout:.2f} x the timeout): "  # type: ignore[arg-type]
        f"{str(runaway['body'])[:80]!r}"
    )
    print(f"simple query, idle before:        {ms(baseline)} ({len(baseline)} queries)")
    print(f"simple query, during the runaway: {ms(during)} ({len(during)} queries)")
    print(f"simple query, after:              {ms(after)} ({len(after)} queries)")
    print(
        f"ratio of medians, during / idle: "
        f"{statistics.median(during) / statistics.median(baseline):.2f}"
    )


if __name__ == "__main__":
    main()
