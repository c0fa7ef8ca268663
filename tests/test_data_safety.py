"""Data safety: the curated files are never written, and writes survive a SIGKILL mid-way.

- Every command runs under an audit hook (PEP 578) that refuses, and reports, any open of a
  file under ontology/, data/, shapes/ or queries/ for writing — and the files' bytes are
  compared before and after.
- ``atomic_file`` / ``atomic_folder`` are killed (SIGKILL) in a subprocess half-way through a
  slow write: the previous result must be intact, byte for byte.
- ``compare --svg`` (the command that writes a file today) is killed at the last moment
  before its rename: the old SVG is intact, and the command never opened the target itself.
"""

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from live import clean_environment
from locations import REPO

GRAPH_FOLDERS = ("ontology", "data", "shapes", "queries")

#: Runs ``samverkan ARGS`` under a hook that refuses writes inside the graph's folders.
NO_WRITES = textwrap.dedent(
    """
    import os, sys
    folders = tuple(os.path.join({repo!r}, f) + os.sep for f in {folders!r})
    WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def hook(event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes)):
            path = os.path.abspath(os.fsdecode(args[0]))
            mode, flags = args[1], args[2] if len(args) > 2 else 0
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & WRITE
            )
            if writing and path.startswith(folders):
                print("WRITE TO CURATED FILE:", path, file=sys.stderr, flush=True)
                raise PermissionError(path)
        elif event in ("os.remove", "os.rename", "os.truncate", "shutil.rmtree"):
            for arg in args:
                if isinstance(arg, (str, bytes)):
                    path = os.path.abspath(os.fsdecode(arg))
                    if path.startswith(folders):
                        print("WRITE TO CURATED FILE:", event, path, file=sys.stderr, flush=True)
                        raise PermissionError(path)

    sys.addaudithook(hook)
    from service.cli import main
    main(sys.argv[1:])
    """
)


def _fingerprint() -> dict[str, str]:
    prints = {}
    for folder in GRAPH_FOLDERS:
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file():
                prints[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return prints


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate"],
        ["query", "--sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 3"],
        ["query", "projects-per-sdg"],
        ["compare", "--format", "json"],
        ["serve", "--get", "/project/ulf"],
        ["serve", "--get", "/dump.ttl"],
        ["serve", "--get", "/queries/projects-per-sdg?format=csv"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_commands_never_write_the_curated_files(arguments: list[str], tmp_path: Path) -> None:
    before = _fingerprint()
    code = NO_WRITES.format(repo=str(REPO), folders=GRAPH_FOLDERS)
    result = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        cwd=tmp_path,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "WRITE TO CURATED FILE" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert _fingerprint() == before


def test_the_hook_would_see_a_write(tmp_path: Path) -> None:
    """The check above can fail: a write into data/ is seen and refused."""
    code = NO_WRITES.format(repo=str(REPO), folders=GRAPH_FOLDERS).replace(
        "from service.cli import main\nmain(sys.argv[1:])",
        f"open({str(REPO / 'data' / 'never-written.ttl')!r}, 'w')",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert "WRITE TO CURATED FILE" in result.stderr
    assert not (REPO / "data" / "never-written.ttl").exists()


# --- killed mid-write ------------------------------------------------------------------------

SLOW_FILE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from service.atomic import atomic_file
    target = Path(sys.argv[1])
    with atomic_file(target) as temporary, temporary.open("w") as out:
        for n in range(10_000):
            out.write(f"new line {n}\\n")
            out.flush()
            if n == 100:
                print("half-way", flush=True)
            time.sleep(0.01)
    """
)

SLOW_FOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from service.atomic import atomic_folder
    target = Path(sys.argv[1])
    with atomic_folder(target) as temporary:
        for n in range(10_000):
            (temporary / f"part-{n}.ttl").write_text("new\\n")
            if n == 100:
                print("half-way", flush=True)
            time.sleep(0.01)
    """
)


def _kill_half_way(code: str, target: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "half-way"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_a_file_killed_mid_write_keeps_its_old_content(tmp_path: Path) -> None:
    target = tmp_path / "export.ttl"
    target.write_text("the old, complete export\n", encoding="utf-8")
    _kill_half_way(SLOW_FILE, target)
    assert target.read_text(encoding="utf-8") == "the old, complete export\n"


def test_a_first_write_killed_mid_way_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "export.ttl"
    _kill_half_way(SLOW_FILE, target)
    assert not target.exists()


def test_a_folder_killed_mid_write_keeps_its_old_content(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.ttl").write_text("old\n", encoding="utf-8")
    _kill_half_way(SLOW_FOLDER, target)
    assert sorted(p.name for p in target.iterdir()) == ["index.ttl"]
    assert (target / "index.ttl").read_text(encoding="utf-8") == "old\n"


#: ``compare --svg`` killed at its rename: by then the new SVG is whole, but not in place.
KILLED_AT_RENAME = textwrap.dedent(
    """
    import os, signal, sys
    target = os.path.abspath(sys.argv[1])

    def hook(event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes)):
            if os.path.abspath(os.fsdecode(args[0])) == target and (
                (isinstance(args[1], str) and any(c in args[1] for c in "wax+"))
                or (isinstance(args[2], int) and args[2] & (os.O_WRONLY | os.O_RDWR))
            ):
                print("OPENED THE TARGET FOR WRITING", file=sys.stderr, flush=True)
        if event == "os.rename" and os.path.abspath(os.fsdecode(args[1])) == target:
            os.kill(os.getpid(), signal.SIGKILL)

    sys.addaudithook(hook)
    from service.cli import main
    main(["compare", "--svg", target])
    """
)


def test_compare_svg_killed_before_its_rename_keeps_the_old_svg(tmp_path: Path) -> None:
    target = tmp_path / "matrix.svg"
    target.write_text("<svg>old</svg>\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", KILLED_AT_RENAME, str(target)],
        cwd=REPO,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    assert "OPENED THE TARGET FOR WRITING" not in result.stderr
    assert target.read_text(encoding="utf-8") == "<svg>old</svg>\n"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "matrix.svg"]
    assert all(name.startswith(".matrix.svg.") for name in leftovers), leftovers
    assert os.path.getsize(target) > 0
