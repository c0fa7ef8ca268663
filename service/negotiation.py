"""Choose the format to answer with, for every route (``/sparql``, pages, questions, dumps).

Media types are chosen with python-mimeparse (q-values, wildcards); a ``format`` parameter
(``?format=csv``, or a file extension such as ``/project/ulf.ttl``) overrides Accept so that a
browser link can ask for a download. The formats themselves are in :mod:`service.formats`.
"""

from collections.abc import Sequence

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
    # A short name may also be an offered type's subtype: "json" for application/json.
    return next((f for f in offered if f.media_type.split("/", 1)[-1] == name), None)


def choose(
    offered: Sequence[Format], accept: str | None, format_param: str | None = None
) -> Format:
    """Pick the format to send from ``offered`` (the first is the default)."""
    if format_param:
        found = _named(offered, format_param.lower())
        if found is None:
            raise NotAcceptable(f"format={format_param}", offered)
        return found
    if not accept or not accept.strip():
        return offered[0]
    # mimeparse favours the last of equally good candidates; offer in reverse so ties go
    # to our preferred (first) type.
    by_type = {f.media_type: f for f in offered}
    try:
        best = mimeparse.best_match(list(reversed(by_type)), accept)
    except (ValueError, mimeparse.MimeTypeParseException):
        raise NotAcceptable(accept, offered) from None
    if not best:
        raise NotAcceptable(accept, offered)
    return by_type[best]
