"""What the CLI's subcommands share: the bad-input error and opening the store."""

import click

from .loading import RdfSyntaxError
from .settings import Settings
from .store.base import Store


class BadInput(click.ClickException):
    """Bad input: printed as one line, exit status 2."""

    exit_code = 2


def open_store_or_fail(settings: Settings) -> Store:
    """The store for ``settings``; unreadable input becomes :class:`BadInput`."""
    from .store.factory import open_store  # loads the graph: only once the input is checked

    try:
        return open_store(settings)
    except RdfSyntaxError as error:
        raise BadInput(str(error)) from None
    except (OSError, ValueError) as error:
        raise BadInput(f"cannot load the graph: {error}") from None
