"""The `samverkan` command: one click group; each feature brings its own subcommand.

serve (``cli/serve.py``), validate and load (``loading/cli.py``), query (``questions/cli.py``) and
compare (``compare/cli.py``).
"""

import click

from ..compare.cli import compare
from ..loading.cli import load, validate
from ..questions.cli import query
from .serve import serve_command


@click.group()
@click.version_option(package_name="samverkan-kg")
def main() -> None:
    """samverkan-kg: knowledge graph of Swedish university–public sector partnerships."""


for command in (serve_command, validate, load, query, compare):
    main.add_command(command)


if __name__ == "__main__":
    main()
