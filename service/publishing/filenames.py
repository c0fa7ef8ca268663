"""File names of the static site that every common file system keeps apart and accepts.

A site's file names come from IRIs: ``project/CaseTwin`` and ``project/casetwin`` are one
file on macOS and Windows (case-insensitive), a 300-character slug is over the 255-byte
limit of a name, and Windows refuses ``<>:"\\|?*``, control characters, a name ending in a
dot or space, and device names (``CON``, ``aux.html``). :func:`portable_names` gives each
file a name that avoids all of these: unsafe characters replaced, long names shortened with
a hash of the whole name, names equal but for case (or Unicode normalisation) told apart by
a hash; the same input always gives the same names.
"""

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Final

#: Characters Windows refuses in a name, and control characters.
_UNSAFE: Final = re.compile(r'[<>:"\\|?*\x00-\x1f\x7f]')
#: Device names Windows reserves, whatever the extension.
_RESERVED: Final = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(1, 10)),
        *(f"lpt{i}" for i in range(1, 10)),
    }
)
#: Longest name kept as it is (UTF-8 bytes): well under the common limit of 255.
MAX_NAME_BYTES: Final = 120


def _tag(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _parts(segment: str) -> tuple[str, str]:
    """``ulf.en.html`` → (``ulf``, ``.en.html``): a tag goes after the slug, so a page and
    its RDF and translation beside it keep one stem."""
    base, dot, rest = segment.partition(".")
    return (base, dot + rest) if base else (segment, "")


def _safe_segment(segment: str) -> str:
    segment = unicodedata.normalize("NFC", segment)
    base, rest = _parts(_UNSAFE.sub("-", segment).rstrip(". ") or "-")
    if base.lower() in _RESERVED:
        base += "_"
    if len((base + rest).encode("utf-8")) > MAX_NAME_BYTES:
        room = max(MAX_NAME_BYTES - len(rest.encode("utf-8")) - 11, 8)
        short = base.encode("utf-8")[:room].decode("utf-8", "ignore")
        base = f"{short}~{_tag(_parts(segment)[0])}"
    return base + rest


def _with_tag(name: str, original: str) -> str:
    head, _, last = name.rpartition("/")
    base, rest = _parts(last)
    original_head, _, original_last = original.rpartition("/")
    tagged = f"{base}~{_tag(original_head + '/' + _parts(original_last)[0])}{rest}"
    return f"{head}/{tagged}" if head else tagged


def portable_names(names: Iterable[str]) -> dict[str, str]:
    """Each name (``a/b/c.html``, ``/``-separated) → its portable name, all distinct even
    when case and Unicode normalisation are ignored."""
    safe = {name: "/".join(_safe_segment(s) for s in name.split("/")) for name in names}
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for name in sorted(safe):
        groups[safe[name].casefold()].append(name)
    for members in groups.values():
        for name in members[1:]:  # the first keeps its name; the others get a stable tag
            safe[name] = _with_tag(safe[name], name)
    return safe
