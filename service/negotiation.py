"""Choose the format to answer with, for every route (``/sparql``, pages, questions, dumps).

Media types are chosen with python-mimeparse (q-values, wildcards); a ``format`` parameter
(``?format=csv``, or a file extension such as ``/project/ulf.ttl``) overrides Accept so that a
browser link can ask for a download. The formats themselves are in :mod:`service.formats`.
"""

from collections.abc import Sequence
from functools import lru_cache

import mimeparse

from .formats import Format


class NotAcceptable(Exception):
    """No offered format satisfies the request."""

    def __init__(self, requested: str, offered: Sequence[Format]) -> None:
        self.requested = requested
        self.offered = [f.media_type for f in offered]
        super().__init__(
            f"cannot produce any of {requested!r}; available: {', '.join(self.offered)}"
        )


def _named(offered: Sequence[Format], name: str) -> Format | None:
    """The offered format a ``format=`` value names: short name, alias, extension or type."""
    for fmt in offered:
        if name in (fmt.short, *fmt.aliases, fmt.media_type):
            return fmt
    # A short name may also be an offered type's subtype: "json" for application/json (its
    # own type first, then a format that answers for it, e.g. JSON-LD for a graph).
    media = _media_types(offered)
    return next((fmt for media_type, fmt in media if media_type.split("/", 1)[-1] == name), None)


def _media_types(offered: Sequence[Format]) -> list[tuple[str, Format]]:
    """Each media type that selects an offered format: their own types, in order, then the
    aliases no offered format has as its own type (``application/json`` → JSON results)."""
    own = [(fmt.media_type, fmt) for fmt in offered]
    taken = {media_type for media_type, _ in own}
    aliases: dict[str, Format] = {}
    for fmt in offered:
        for alias in fmt.media_aliases:
            if alias not in taken:
                aliases.setdefault(alias, fmt)
    return own + list(aliases.items())


def choose(
    offered: Sequence[Format], accept: str | None, format_param: str | None = None
) -> Format:
    """Pick the format to send from ``offered`` (the first is the default)."""
    return _choose(tuple(offered), accept, format_param)


@lru_cache(maxsize=1024)  # clients send the same few Accept headers; parsing them is not free
def _choose(offered: tuple[Format, ...], accept: str | None, format_param: str | None) -> Format:
    if format_param:
        found = _named(offered, format_param.lower())
        if found is None:
            raise NotAcceptable(f"format={format_param}", offered)
        return found
    if not accept or not accept.strip():
        return offered[0]
    # mimeparse favours the last of equally good candidates; offer in reverse so ties go
    # to our preferred (first) type, and aliases only where nothing else matches as well.
    by_type = dict(_media_types(offered))
    try:
        best = mimeparse.best_match(list(reversed(by_type)), accept)
    except (ValueError, mimeparse.MimeTypeParseException):
        raise NotAcceptable(accept, offered) from None
    if not best:
        raise NotAcceptable(accept, offered)
    return by_type[best]
