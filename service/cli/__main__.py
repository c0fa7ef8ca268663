"""`python -m service.cli`: the same command as `samverkan`."""

from . import main

main()
