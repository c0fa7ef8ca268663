"""What the CLI's subcommands share (the door's and the features' commands): the bad-input
error and options derived from Settings."""

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin

import click

from .settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


class BadInput(click.ClickException):
    """Bad input: printed as one line, exit status 2."""

    exit_code = 2


def setting_option(name: str, *declarations: str, **extra: Any) -> Callable[[F], F]:
    """A flag that overrides the setting ``name``: its help, environment variable, default
    and choices read from the :class:`Settings` model, so the two cannot drift apart.

    The flag's own default is None ("not given"), so the environment still applies.
    """
    field = Settings.model_fields[name]
    default = field.get_default(call_default_factory=True)
    env = f"SAMVERKAN_{name.upper()}"
    help_text = f"{(field.description or '').rstrip('.')} [env {env}; {default}]."
    if get_origin(field.annotation) is Literal and "type" not in extra:
        extra["type"] = click.Choice([str(v) for v in get_args(field.annotation)])
    flags = declarations or (f"--{name.replace('_', '-')}",)
    return click.option(*flags, name, default=None, help=help_text, **extra)


def data_option(what: str) -> Callable[[F], F]:
    """``--data FILE`` (repeatable): work on these RDF files instead of the curated graph."""
    return click.option(
        "--data",
        multiple=True,
        type=click.Path(path_type=Path),
        metavar="FILE",
        help=f"{what} these RDF files instead of the curated graph (repeatable).",
    )


def with_data(settings: Settings, data: Sequence[Path]) -> Settings:
    """``settings`` serving the ``--data`` files (if any) instead of the curated graph."""
    for path in data:
        if not path.is_file():
            raise BadInput(f"--data {path}: no such file")
    if not data:
        return settings
    return settings.model_copy(update={"files": list(data), "named_graphs": {}})
