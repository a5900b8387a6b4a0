"""`python -m magroute` runs the CLI."""

from magroute.cli import main

main()
