"""The `samverkan` command: serve | validate | query | compare | export."""

import click


@click.group()
@click.version_option(package_name="samverkan-kg")
def main() -> None:
    """samverkan-kg: knowledge graph of Swedish university–public sector partnerships."""


# Subcommands are registered below by their modules (validate, serve, query, compare).
