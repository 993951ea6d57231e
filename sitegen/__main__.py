"""`python -m sitegen` runs the command-line interface."""

from sitegen.cli import main

main()
